API_TITLE = "Leaf Classifier"
API_DESC = "Classifies photos of leaves by species"
API_VERSION = "0.3.0"
DEBUG = False
