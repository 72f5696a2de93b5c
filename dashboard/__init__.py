"""Dashboard support modules: the query layer and chart builders that pages call (importable without Streamlit running)."""
