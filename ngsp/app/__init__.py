"""The only part of ngsp that imports Streamlit: state, loading, sidebar, widgets and panels."""
