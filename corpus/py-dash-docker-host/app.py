from dash import Dash, html

app = Dash(__name__)
app.layout = html.Div("Weather")

if __name__ == "__main__":
    app.run("0.0.0.0", 8050)  # expect: FL103
