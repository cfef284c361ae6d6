def explode(text):
    raise RuntimeError("50% broken, " + text)


payload = "::error::injected\n::endgroup::"
explode(payload)
