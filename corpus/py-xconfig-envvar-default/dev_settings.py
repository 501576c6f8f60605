DEBUG = True  # expect: FL102
