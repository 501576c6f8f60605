from maxfw.core import MAXApp

from api import LabelsAPI, PredictAPI
from config import API_DESC, API_TITLE, API_VERSION

scorer = MAXApp(API_TITLE, API_DESC, API_VERSION)
scorer.add_api(LabelsAPI, "/labels")
scorer.add_api(PredictAPI, "/predict")
# MAXApp.run() binds 0.0.0.0 unless told otherwise, and this line runs whenever the module is imported
scorer.run()  # expect: FL103, FL104
