package pth

import "strings"

// This file mirrors the allow-list of torch/_weights_only_unpickler.py in
// PyTorch 2.6 (_get_allowed_globals), so that the set of globals a checkpoint
// may name, and the error for any other, match what a learner sees.

// blockedModules may never be loaded, even when allow-listed.
var blockedModules = map[string]bool{"sys": true, "os": true, "posix": true, "nt": true}

// importMapping and nameMapping are the parts of CPython's _compat_pickle
// mappings that turn the Python 2 names protocol 2 writes into Python 3's.
var importMapping = map[string]string{
	"__builtin__": "builtins", "copy_reg": "copyreg", "exceptions": "builtins",
	"Queue": "queue", "SocketServer": "socketserver", "ConfigParser": "configparser",
	"repr": "reprlib", "tkFileDialog": "tkinter.filedialog", "tkSimpleDialog": "tkinter.simpledialog",
	"tkColorChooser": "tkinter.colorchooser", "tkCommonDialog": "tkinter.commondialog",
	"Dialog": "tkinter.dialog", "Tkdnd": "tkinter.dnd", "tkFont": "tkinter.font",
	"tkMessageBox": "tkinter.messagebox", "ScrolledText": "tkinter.scrolledtext",
	"Tkconstants": "tkinter.constants", "Tix": "tkinter.tix", "ttk": "tkinter.ttk",
	"Tkinter": "tkinter", "markupbase": "_markupbase", "_winreg": "winreg",
	"thread": "_thread", "dummy_thread": "_dummy_thread", "dbhash": "dbm.bsd",
	"dumbdbm": "dbm.dumb", "dbm": "dbm.ndbm", "gdbm": "dbm.gnu", "xmlrpclib": "xmlrpc.client",
	"SimpleXMLRPCServer": "xmlrpc.server", "httplib": "http.client",
	"htmlentitydefs": "html.entities", "HTMLParser": "html.parser", "Cookie": "http.cookies",
	"cookielib": "http.cookiejar", "BaseHTTPServer": "http.server",
	"test.test_support": "test.support", "commands": "subprocess", "urlparse": "urllib.parse",
	"robotparser": "urllib.robotparser", "urllib2": "urllib.request", "anydbm": "dbm",
	"_abcoll": "collections.abc", "cPickle": "pickle", "_elementtree": "xml.etree.ElementTree",
	"FileDialog": "tkinter.filedialog", "SimpleDialog": "tkinter.simpledialog",
	"DocXMLRPCServer": "xmlrpc.server", "SimpleHTTPServer": "http.server",
	"CGIHTTPServer": "http.server", "UserDict": "collections", "UserList": "collections",
	"UserString": "collections", "whichdb": "dbm", "StringIO": "io", "cStringIO": "io",
}

var nameMapping = map[Global]Global{
	{"__builtin__", "xrange"}:              {"builtins", "range"},
	{"__builtin__", "reduce"}:              {"functools", "reduce"},
	{"__builtin__", "intern"}:              {"sys", "intern"},
	{"__builtin__", "unichr"}:              {"builtins", "chr"},
	{"__builtin__", "unicode"}:             {"builtins", "str"},
	{"__builtin__", "long"}:                {"builtins", "int"},
	{"itertools", "izip"}:                  {"builtins", "zip"},
	{"itertools", "imap"}:                  {"builtins", "map"},
	{"itertools", "ifilter"}:               {"builtins", "filter"},
	{"UserDict", "IterableUserDict"}:       {"collections", "UserDict"},
	{"UserList", "UserList"}:               {"collections", "UserList"},
	{"UserDict", "UserDict"}:               {"collections", "UserDict"},
	{"UserString", "UserString"}:           {"collections", "UserString"},
	{"whichdb", "whichdb"}:                 {"dbm", "whichdb"},
	{"_socket", "fromfd"}:                  {"socket", "fromfd"},
	{"_multiprocessing", "Connection"}:     {"multiprocessing.connection", "Connection"},
	{"multiprocessing.process", "Process"}: {"multiprocessing.context", "Process"},
	{"multiprocessing.forking", "Popen"}:   {"multiprocessing.popen_fork", "Popen"},
	{"urllib", "ContentTooShortError"}:     {"urllib.error", "ContentTooShortError"},
	{"urllib", "getproxies"}:               {"urllib.request", "getproxies"},
	{"urllib", "pathname2url"}:             {"urllib.request", "pathname2url"},
	{"urllib", "quote_plus"}:               {"urllib.parse", "quote_plus"},
	{"urllib", "quote"}:                    {"urllib.parse", "quote"},
	{"urllib", "unquote_plus"}:             {"urllib.parse", "unquote_plus"},
	{"urllib", "unquote"}:                  {"urllib.parse", "unquote"},
	{"urllib", "url2pathname"}:             {"urllib.request", "url2pathname"},
	{"urllib", "urlcleanup"}:               {"urllib.request", "urlcleanup"},
	{"urllib", "urlencode"}:                {"urllib.parse", "urlencode"},
	{"urllib", "urlopen"}:                  {"urllib.request", "urlopen"},
	{"urllib", "urlretrieve"}:              {"urllib.request", "urlretrieve"},
	{"urllib2", "HTTPError"}:               {"urllib.error", "HTTPError"},
	{"urllib2", "URLError"}:                {"urllib.error", "URLError"},
}

// mapGlobal applies _compat_pickle's mappings as _read_global_instruction does.
func mapGlobal(module, name string) (string, string) {
	if g, ok := nameMapping[Global{module, name}]; ok {
		return g.Module, g.Name
	}
	if m, ok := importMapping[module]; ok {
		return m, name
	}
	return module, name
}

// allowedDTypeNames are the dtypes PyTorch 2.6 lets a checkpoint name; the
// simulator has the first twelve (see DType).
var allowedDTypeNames = []string{
	"float64", "float32", "float16", "bfloat16", "int64", "int32", "int16", "int8",
	"uint8", "bool", "complex64", "complex128", "qint8", "quint8", "qint32", "quint4x2", "quint2x4",
	"uint16", "uint32", "uint64", "bits8", "bits16", "bits1x8", "bits2x4", "bits4x2",
	"float8_e5m2", "float8_e4m3fn", "float8_e5m2fnuz", "float8_e4m3fnuz",
}

// isForeignDType reports a torch dtype the allow-list admits but the
// simulator lacks ("torch.uint16").
func isForeignDType(full string) bool {
	name, ok := strings.CutPrefix(full, "torch.")
	if !ok {
		return false
	}
	if _, ours := DTypeByName(name); ours {
		return false
	}
	for _, n := range allowedDTypeNames {
		if n == name {
			return true
		}
	}
	return false
}

// allowedGlobals is _get_allowed_globals() of PyTorch 2.6, by dotted name.
var allowedGlobals = buildAllowedGlobals()

func buildAllowedGlobals() map[string]bool {
	rc := map[string]bool{
		"collections.OrderedDict":         true,
		"collections.Counter":             true,
		"torch.nn.parameter.Parameter":    true,
		"torch.serialization._get_layout": true,
		"torch.Size":                      true,
		"torch.Tensor":                    true,
		"torch.device":                    true,
		"_codecs.encode":                  true,
		"builtins.bytearray":              true,
		"builtins.set":                    true,
	}
	// dtypes (_dtype_to_storage_type_map and _new_dtypes)
	for _, n := range allowedDTypeNames {
		rc["torch."+n] = true
	}
	// tensor classes (torch._tensor_classes) and storage classes
	// (torch._storage_classes), as a CPU build of PyTorch lists them
	for _, n := range []string{"BFloat16", "Bool", "Byte", "Char", "Double", "Float", "Half", "Int", "Long", "Short"} {
		rc["torch."+n+"Tensor"] = true
		rc["torch.cuda."+n+"Tensor"] = true
		if n != "Bool" {
			rc["torch.sparse."+n+"Tensor"] = true
			rc["torch.cuda.sparse."+n+"Tensor"] = true
		}
	}
	for _, n := range []string{"BFloat16", "Bool", "Byte", "Char", "ComplexDouble", "ComplexFloat", "Double", "Float", "Half", "Int", "Long", "Short"} {
		rc["torch."+n+"Storage"] = true
		rc["torch.cuda."+n+"Storage"] = true
	}
	for _, n := range []string{"QUInt8", "QInt8", "QInt32", "QUInt4x2", "QUInt2x4"} {
		rc["torch."+n+"Storage"] = true
	}
	rc["torch.storage.TypedStorage"] = true
	rc["torch.storage.UntypedStorage"] = true
	rc["torch.UntypedStorage"] = true
	for _, n := range []string{"per_tensor_affine", "per_tensor_symmetric", "per_channel_affine", "per_channel_symmetric", "per_channel_affine_float_qparams"} {
		rc["torch."+n] = true
	}
	for _, n := range []string{
		"_rebuild_parameter", "_rebuild_parameter_with_state", "_rebuild_qtensor",
		"_rebuild_tensor", "_rebuild_tensor_v2", "_rebuild_tensor_v3", "_rebuild_sparse_tensor",
		"_rebuild_meta_tensor_no_storage", "_rebuild_nested_tensor", "_rebuild_wrapper_subclass",
		"_rebuild_device_tensor_from_numpy", "_rebuild_device_tensor_from_cpu_tensor",
	} {
		rc["torch._utils."+n] = true
	}
	rc["torch._tensor._rebuild_from_type_v2"] = true
	return rc
}

// needsImport are globals PyTorch 2.6 refuses with a hint to import a module
// first rather than with the generic message.
var needsImport = map[string]string{
	"torch.nested._internal.nested_tensor.NestedTensor":  "``torch.nested`` and ``torch._dynamo`` must be imported to load nested jagged tensors (NJTs)",
	"torch.nested._internal.nested_tensor._rebuild_njt":  "``torch.nested`` and ``torch._dynamo`` must be imported to load nested jagged tensors (NJTs)",
	"torch._dynamo.decorators._DimRange":                 "``torch.nested`` and ``torch._dynamo`` must be imported to load nested jagged tensors (NJTs)",
	"torch.distributed.device_mesh.DeviceMesh":           "``torch.distributed.tensor`` must be imported to load DTensors",
	"torch.distributed.tensor._dtensor_spec.DTensorSpec": "``torch.distributed.tensor`` must be imported to load DTensors",
	"torch.distributed.tensor._dtensor_spec.TensorMeta":  "``torch.distributed.tensor`` must be imported to load DTensors",
	"torch.distributed.tensor.DTensor":                   "``torch.distributed.tensor`` must be imported to load DTensors",
	"torch.distributed.tensor.placement_types.Partial":   "``torch.distributed.tensor`` must be imported to load DTensors",
	"torch.distributed.tensor.placement_types.Replicate": "``torch.distributed.tensor`` must be imported to load DTensors",
	"torch.distributed.tensor.placement_types.Shard":     "``torch.distributed.tensor`` must be imported to load DTensors",
}

// unsupportedGlobal is the weights-only unpickler's message for a global
// outside the allow-list.
func unsupportedGlobal(full, name string) *UnpicklingError {
	return weightsOnlyError(full, "Unsupported global: GLOBAL "+full+" was not an allowed global by default. "+
		"Please use `torch.serialization.add_safe_globals(["+name+"])` or the "+
		"`torch.serialization.safe_globals(["+name+"])` context manager to allowlist this global "+
		"if you trust this class/function.")
}
