/* The helper module embedded from src/pyhelpers.py. */
#ifndef CTRACE_PYHELPERS_H
#define CTRACE_PYHELPERS_H

#include "compat.h"

/* Create the helper module. Return a new reference, or NULL with the
 * Python exception set. */
PyObject *pyhelpers_load(void);

#endif /* CTRACE_PYHELPERS_H */
