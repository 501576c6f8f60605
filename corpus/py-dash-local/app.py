from dash import Dash, html

app = Dash(__name__)
app.layout = html.Div("Local only")

if __name__ == "__main__":
    app.run(host="127.0.0.1", debug=False)  # ok: FL101, FL102, FL103
