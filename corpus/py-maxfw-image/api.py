from flask_restplus import Resource


class LabelsAPI(Resource):
    def get(self):
        return {"labels": ["oak", "maple", "birch"]}


class PredictAPI(Resource):
    def post(self):
        return {"status": "ok", "predictions": []}
