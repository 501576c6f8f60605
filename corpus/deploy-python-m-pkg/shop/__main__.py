import os

from shop import create_app

app = create_app()
# ok: FL103 (production runs this module; the Procfile's FL301 says what is wrong)
app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))
