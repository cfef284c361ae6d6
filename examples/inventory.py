"""Print the stock value of a small shop and the items to reorder.

The stock is a CSV text in this file, so the output is the same on every run.
"""
import csv
import io

STOCK_CSV = """\
sku,name,quantity,unit_price,reorder_level
A100,notebook,40,2.50,20
A200,pencil,150,0.30,100
B300,stapler,4,7.90,5
C400,desk lamp,2,24.00,3
"""


class Item:
    def __init__(self, sku, name, quantity, unit_price, reorder_level):
        self.sku = sku
        self.name = name
        self.quantity = quantity
        self.unit_price = unit_price
        self.reorder_level = reorder_level

    def value(self):
        return self.quantity * self.unit_price

    def needs_reorder(self):
        return self.quantity < self.reorder_level

    def __repr__(self):
        return f"Item({self.sku!r}, {self.name!r}, quantity={self.quantity})"


def load_stock(text):
    items = []
    for row in csv.DictReader(io.StringIO(text)):
        item = Item(
            row["sku"],
            row["name"],
            int(row["quantity"]),
            float(row["unit_price"]),
            int(row["reorder_level"]),
        )
        items.append(item)
    return items


def total_value(items):
    total = 0.0
    for item in items:
        total += item.value()
    return round(total, 2)


def main():
    items = load_stock(STOCK_CSV)
    print(f"{len(items)} items, stock value {total_value(items):.2f}")
    for item in items:
        if item.needs_reorder():
            print(f"reorder {item.sku} {item.name}: {item.quantity} left")


if __name__ == "__main__":
    main()
