from maxfw.core import MAXApp

from api import LabelsAPI, PredictAPI
from config import API_DESC, API_TITLE, API_VERSION

scorer = MAXApp(API_TITLE, API_DESC, API_VERSION)
scorer.add_api(LabelsAPI, "/labels")
scorer.add_api(PredictAPI, "/predict")

if __name__ == "__main__":
    # a local try-out on this machine only; the image serves wsgi.py with gunicorn
    scorer.run(host="127.0.0.1")  # ok: FL103
