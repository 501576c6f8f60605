from wsgi import application

application.run(port=8080, debug=True)  # expect: FL102, FL104
