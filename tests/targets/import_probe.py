import venv_probe_pkg

print("imported", venv_probe_pkg.VALUE)
