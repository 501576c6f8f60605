from setuptools import find_packages, setup

setup(
    name="shop",
    version="1.4.0",
    packages=find_packages(),
    install_requires=["Flask>=2.2,<3"],
    entry_points={
        "console_scripts": [
            "shopctl = shop.cli:cli",
        ],
    },
)
