"""Geography for the dashboard: committed map assets (built by ``python -m geo build``) and a
place-name resolver (:mod:`geo.places`) that needs only the committed assets at run time.

The paths below are what the dashboard and the ETL read; importing this package loads nothing.
"""
from pathlib import Path

ASSETS = Path(__file__).resolve().parent / "assets"
PROVINCES_GEOJSON = ASSETS / "provinces.geojson"   # 34 features, properties code/name/short_name/name_en
TENLINE_GEOJSON = ASSETS / "tenline.geojson"       # the ten-dash line, draw above the provinces
CITIES_CSV = ASSETS / "cities.csv"                 # city_code,name,province_code,kind,lon,lat,name_en
PROVINCES_CSV = ASSETS / "provinces.csv"           # province_code,name,short_name,name_en (warehouse table)
GAZETTEER_CSV = ASSETS / "gazetteer.csv"           # code,level,name,province_code,city_code
