"""Names, attributes and file names for completion in a terminal."""
import os

settings_path = os.path.join("conf", "app.ini")
settings_count = 2
print(settings_path, settings_count)
