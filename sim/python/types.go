package python

// The builtin classes. Their Go hooks and methods are installed by init
// functions in the files that implement each type.
var (
	ObjectClass           *Class
	TypeClass             *Class
	NoneTypeClass         *Class
	IntClass              *Class
	BoolClass             *Class
	FloatClass            *Class
	StrClass              *Class
	BytesClass            *Class
	TupleClass            *Class
	ListClass             *Class
	DictClass             *Class
	SetClass              *Class
	FrozenSetClass        *Class
	RangeClass            *Class
	SliceClass            *Class
	CellClass             *Class
	NotImplementedClass   *Class
	EllipsisClass         *Class
	FunctionClass         *Class
	BuiltinFunctionClass  *Class
	MethodDescriptorClass *Class
	MethodClass           *Class
	PropertyClass         *Class
	StaticMethodClass     *Class
	ClassMethodClass      *Class
	ModuleClass           *Class
	IteratorClass         *Class
	GeneratorClass        *Class
	SuperClass            *Class
	OrderedDictClass      *Class
	DefaultDictClass      *Class
	DictKeysClass         *Class
	DictValuesClass       *Class
	DictItemsClass        *Class
	FileClass             *Class
)

// The object methods, kept so lookups can tell "inherited from object"
// from "overridden".
var (
	objectInit, objectRepr, objectStr, objectEq, objectNe, objectHash, objectSetattr Value
	dictRepr                                                                         Value
)

func init() {
	ObjectClass = &Class{Name: "object", Module: "builtins", attrs: map[string]Value{}, isBuiltin: true}
	ObjectClass.MRO = []*Class{ObjectClass}
	TypeClass = NewClass("type")
	ObjectClass.New = func(t *Thread, cls *Class, args Args) (Value, error) {
		o := &Object{}
		o.Init(cls)
		return o, nil
	}
	ObjectClass.SetMethod("__init__", func(t *Thread, self Value, args Args) (Value, error) {
		if (len(args.Pos) > 0 || len(args.Kw) > 0) && isObjectNew(self.Type().New) {
			return nil, Errorf(TypeErrorClass, "object.__init__() takes exactly one argument (the instance to initialize)")
		}
		return None, nil
	})
	ObjectClass.SetMethod("__repr__", func(t *Thread, self Value, args Args) (Value, error) {
		cls := self.Type()
		if cls.Module == "" || cls.Module == "builtins" {
			return Str("<" + cls.Name + " object at " + hexID(t, self) + ">"), nil
		}
		return Str("<" + cls.Module + "." + cls.Name + " object at " + hexID(t, self) + ">"), nil
	})
	ObjectClass.SetMethod("__str__", func(t *Thread, self Value, args Args) (Value, error) {
		s, err := Repr(t, self)
		return Str(s), err
	})
	ObjectClass.SetMethod("__eq__", func(t *Thread, self Value, args Args) (Value, error) {
		if len(args.Pos) == 1 && sameValue(self, args.Pos[0]) {
			return True, nil
		}
		return NotImplemented, nil
	})
	ObjectClass.SetMethod("__ne__", func(t *Thread, self Value, args Args) (Value, error) {
		if len(args.Pos) == 1 {
			r, err := Compare(t, Ne, self, args.Pos[0])
			return r, err
		}
		return NotImplemented, nil
	})
	ObjectClass.SetMethod("__hash__", func(t *Thread, self Value, args Args) (Value, error) {
		return Int(t.id(self) >> 4), nil
	})
	ObjectClass.SetMethod("__setattr__", func(t *Thread, self Value, args Args) (Value, error) {
		var name string
		var v Value
		if err := UnpackArgs("__setattr__", args, "name", &name, "value", &v); err != nil {
			return nil, err
		}
		return None, SetAttrDefault(t, self, name, v)
	})
	ObjectClass.SetMethod("__delattr__", func(t *Thread, self Value, args Args) (Value, error) {
		var name string
		if err := UnpackArgs("__delattr__", args, "name", &name); err != nil {
			return nil, err
		}
		return None, DelAttrDefault(t, self, name)
	})
	ObjectClass.SetMethod("__getattribute__", func(t *Thread, self Value, args Args) (Value, error) {
		var name string
		if err := UnpackArgs("__getattribute__", args, "name", &name); err != nil {
			return nil, err
		}
		return GetAttr(t, self, name)
	})
	objectInit = ObjectClass.attrs["__init__"]
	objectRepr = ObjectClass.attrs["__repr__"]
	objectStr = ObjectClass.attrs["__str__"]
	objectEq = ObjectClass.attrs["__eq__"]
	objectNe = ObjectClass.attrs["__ne__"]
	objectHash = ObjectClass.attrs["__hash__"]
	objectSetattr = ObjectClass.attrs["__setattr__"]
	delete(ObjectClass.attrs, "__delattr__") // looked up specially; keep the default path fast
	ObjectClass.hasDict = false

	NoneTypeClass = NewClass("NoneType")
	IntClass = NewClass("int")
	BoolClass = NewClass("bool", IntClass)
	FloatClass = NewClass("float")
	StrClass = NewClass("str")
	BytesClass = NewClass("bytes")
	TupleClass = NewClass("tuple")
	ListClass = NewClass("list")
	DictClass = NewClass("dict")
	SetClass = NewClass("set")
	FrozenSetClass = NewClass("frozenset")
	RangeClass = NewClass("range")
	SliceClass = NewClass("slice")
	CellClass = NewClass("cell")
	NotImplementedClass = NewClass("NotImplementedType")
	EllipsisClass = NewClass("ellipsis")
	FunctionClass = NewClass("function")
	BuiltinFunctionClass = NewClass("builtin_function_or_method")
	MethodDescriptorClass = NewClass("method_descriptor")
	MethodClass = NewClass("method")
	PropertyClass = NewClass("property")
	StaticMethodClass = NewClass("staticmethod")
	ClassMethodClass = NewClass("classmethod")
	ModuleClass = NewClass("module")
	IteratorClass = NewClass("iterator")
	GeneratorClass = NewClass("generator")
	SuperClass = NewClass("super")
	OrderedDictClass = NewClass("OrderedDict", DictClass)
	OrderedDictClass.Module = "collections"
	DefaultDictClass = NewClass("defaultdict", DictClass)
	DefaultDictClass.Module = "collections"
	DictKeysClass = NewClass("dict_keys")
	DictValuesClass = NewClass("dict_values")
	DictItemsClass = NewClass("dict_items")
	FileClass = NewClass("TextIOWrapper")
	FileClass.Module = "_io"
	for _, c := range []*Class{NoneTypeClass, IntClass, BoolClass, FloatClass, StrClass, BytesClass, TupleClass, ListClass, DictClass, SetClass, FrozenSetClass, RangeClass, SliceClass} {
		c.hasDict = false
	}
	initExceptions()
	initIteratorClasses()
	initBuiltins()
	initBuiltinTypes()
	initFiles()
	initModules()
	for _, c := range []*Class{ObjectClass, TypeClass, NoneTypeClass, IntClass, BoolClass, FloatClass, StrClass, BytesClass, TupleClass, ListClass, DictClass, SetClass, FrozenSetClass, RangeClass, SliceClass, CellClass, NotImplementedClass, EllipsisClass, FunctionClass, BuiltinFunctionClass, MethodDescriptorClass, MethodClass, PropertyClass, StaticMethodClass, ClassMethodClass, ModuleClass, IteratorClass, GeneratorClass, SuperClass, OrderedDictClass, DefaultDictClass, DictKeysClass, DictValuesClass, DictItemsClass, FileClass} {
		c.Freeze()
	}
}

func hexID(t *Thread, v Value) string {
	const digits = "0123456789abcdef"
	id := threadID(t, v)
	buf := make([]byte, 0, 14)
	for i := 11; i >= 0; i-- {
		buf = append(buf, digits[(id>>(4*uint(i)))&15])
	}
	return "0x" + string(buf)
}
