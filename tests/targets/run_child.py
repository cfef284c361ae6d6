import subprocess
import sys

child = subprocess.run([sys.executable, "-c", "import sys; print(sys.version_info[:2])"],
                       capture_output=True, text=True, check=True)
print("child says", child.stdout.strip())
print("parent is", tuple(sys.version_info[:2]))
