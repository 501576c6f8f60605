"""The scan: plan the files, analyse each (or take it from a cache), run the project pass and the deployment
model, select. The pipeline is engine.py; the stages are its siblings."""
