/* Load the helper module whose source the build embeds from
 * src/pyhelpers.py. */
#include "ctrace/pyhelpers.h"

static const char helpers_source[] =
#include "pyhelpers.inc"
	;

PyObject *pyhelpers_load(void)
{
	PyObject *code = Py_CompileString(helpers_source, "<ctrace helpers>", Py_file_input);
	PyObject *module;
	PyObject *builtins;
	PyObject *result;

	if (code == NULL)
		return NULL;
	module = PyModule_New("_ctrace_helpers");
	if (module == NULL) {
		Py_DECREF(code);
		return NULL;
	}
	builtins = PyImport_ImportModule("builtins");
	if (builtins == NULL || PyDict_SetItemString(PyModule_GetDict(module), "__builtins__", builtins) < 0) {
		Py_XDECREF(builtins);
		Py_DECREF(code);
		Py_DECREF(module);
		return NULL;
	}
	Py_DECREF(builtins);
	result = PyEval_EvalCode(code, PyModule_GetDict(module), PyModule_GetDict(module));
	Py_DECREF(code);
	if (result == NULL) {
		Py_DECREF(module);
		return NULL;
	}
	Py_DECREF(result);
	return module;
}
