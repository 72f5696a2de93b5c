"""Geography for the dashboard: committed map assets (built by ``python -m geo build``) and a
place-name resolver (:mod:`geo.places`) that needs only the committed assets at run time."""
