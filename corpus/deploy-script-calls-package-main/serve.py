import shop

if __name__ == "__main__":
    shop.main()
