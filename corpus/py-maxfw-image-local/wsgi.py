from app import scorer

application = scorer.app
