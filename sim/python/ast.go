package python

import "unsafe"

// Pos is a node's source range: 1-based lines, 0-based byte columns, the
// end exclusive, as CPython's ast positions (tracebacks draw carets from them).
type Pos struct {
	Line, Col, EndLine, EndCol int
}

func (s Pos) Span() Pos { return s }

// Node is any syntax tree node.
type Node interface{ Span() Pos }

// Expr is an expression node.
type Expr interface {
	Node
	expr()
}

// Stmt is a statement node.
type Stmt interface {
	Node
	stmt()
}

type nameKind uint8

const (
	nameGlobal nameKind = iota // module dict, then builtins
	nameLocal                  // a slot of the frame
	nameCell                   // a slot of the frame holding a *Cell
	nameFree                   // a cell captured from an enclosing function
	nameClass                  // a class body: its namespace, then globals, then builtins
)

type (
	Name struct {
		Pos
		Id    string
		kind  nameKind
		index int
		// A global load's cached slot: valid while the globals dict is
		// cacheG at version cacheVer. A Program is run by one thread at
		// a time, so the cache needs no lock.
		cacheG   *Dict
		cacheD   *Dict // globals or builtins
		cacheVer uint64
		cacheIdx int
		// globalIdx is the slot where a globals dict last held the
		// name (loaded or stored there), kept for later runs of the
		// program: a program binds its globals in the same order each
		// run, so its next globals dict most likely holds the name
		// there too, and a loop storing it finds it at once.
		globalIdx int
		// key is Id as a dict key, boxed on the first store to a global
		// or class namespace and kept for later runs of the program.
		key Value
	}
	Const struct {
		Pos
		Value Value
	}
	// FString is f"..." : literal and expression parts, concatenated.
	FString struct {
		Pos
		Parts []FPart
	}
	FPart struct {
		Lit   string
		X     Expr     // nil for a literal part
		Conv  byte     // 0, 'r', 's' or 'a'
		Spec  *FString // the format spec, itself an f-string; nil when absent
		Debug string   // the "expr=" text for f"{x=}"
	}
	Attribute struct {
		Pos
		X    Expr
		Name string
		// The method a call through this node found last (see
		// lookupMethod): valid for class mcls while no class attribute
		// has changed since (classAttrEpoch, or frozenAttrEpoch for a
		// frozen class: one defined in Go, shared by every run, whose
		// method a later run of the program finds here).
		mcls   *Class
		mepoch uint64
		mval   Value
		// The Go types (valueType) of the last objects met here without
		// and with an attribute dict that may shadow the method (a
		// HasDict), and the HasDict method table of the latter: the next
		// object of either type skips the conversion to HasDict, a call
		// into the runtime (see hasDictOf).
		mplain, mdictType, mdictTab unsafe.Pointer
		// The attribute dict found last not to hold the method's name,
		// at its version then (a loop calling a method of one object
		// looks once). Cleared when the run ends (forgetRun).
		mabsent    *Dict
		mabsentVer uint64
		// The slot of the module dict where this node last found a
		// module's attribute (see moduleAttrAt).
		mslot int
		// What a load of the attribute from a Go value found on its
		// class last (see propertyAt): the property, nil for anything
		// else, valid for class pcls at epoch pepoch as mval is.
		pcls   *Class
		pepoch uint64
		pprop  *Property
	}
	Subscript struct {
		Pos
		X     Expr
		Index Expr
	}
	SliceExpr struct {
		Pos
		Lo, Hi, Step Expr
	}
	CallExpr struct {
		Pos
		Fn    Expr
		Args  []Arg
		plain bool // only positional arguments, none starred
		// Compiled callee (the object, for a method call) and arguments
		// (compile.go); nil until the call is compiled.
		fnc  code
		argc []argCode
	}
	Arg struct {
		Star  int // 1 for *x, 2 for **x
		Name  string
		Value Expr
	}
	BinOp struct {
		Pos
		Op   Op
		X, Y Expr
	}
	UnaryOp struct {
		Pos
		Op string // "-", "+", "~", "not"
		X  Expr
	}
	BoolOp struct {
		Pos
		And    bool
		Values []Expr
	}
	CompareExpr struct {
		Pos
		X   Expr
		Ops []string // "==", "<", "in", "not in", "is", "is not", ...
		Ys  []Expr
	}
	IfExp struct {
		Pos
		Cond, Then, Else Expr
	}
	Lambda struct {
		Pos
		Func *FuncDef
	}
	ListExpr struct {
		Pos
		Elts []Expr
	}
	TupleExpr struct {
		Pos
		Elts []Expr
	}
	SetExpr struct {
		Pos
		Elts []Expr
	}
	DictExpr struct {
		Pos
		Keys   []Expr // nil key: **value
		Values []Expr
	}
	Starred struct {
		Pos
		X Expr
	}
	Comp struct {
		Pos
		Kind       byte // 'l', 's', 'd', 'g'
		Elt        Expr
		Key, Value Expr
		Gens       []CompFor
		scope      *scope
		// Elt, Key and Value compiled (compile.go)
		eltc, keyc, valuec code
	}
	CompFor struct {
		Target Expr
		Iter   Expr
		Ifs    []Expr
		ifc    []code // Ifs compiled
	}
	Yield struct {
		Pos
		X    Expr
		From bool
	}
	NamedExpr struct {
		Pos
		Target *Name
		Value  Expr
	}
)

func (*Name) expr()        {}
func (*Const) expr()       {}
func (*FString) expr()     {}
func (*Attribute) expr()   {}
func (*Subscript) expr()   {}
func (*SliceExpr) expr()   {}
func (*CallExpr) expr()    {}
func (*BinOp) expr()       {}
func (*UnaryOp) expr()     {}
func (*BoolOp) expr()      {}
func (*CompareExpr) expr() {}
func (*IfExp) expr()       {}
func (*Lambda) expr()      {}
func (*ListExpr) expr()    {}
func (*TupleExpr) expr()   {}
func (*SetExpr) expr()     {}
func (*DictExpr) expr()    {}
func (*Starred) expr()     {}
func (*Comp) expr()        {}
func (*Yield) expr()       {}
func (*NamedExpr) expr()   {}

type (
	ExprStmt struct {
		Pos
		X  Expr
		xc code // X compiled (compile.go)
	}
	Assign struct {
		Pos
		Targets []Expr
		Value   Expr
		valc    code
	}
	AugAssign struct {
		Pos
		Target Expr
		Op     Op
		Value  Expr
		valc   code
	}
	AnnAssign struct {
		Pos
		Target Expr
		Ann    Expr
		Value  Expr // may be nil
	}
	If struct {
		Pos
		Cond  Expr
		Body  []Stmt
		Else  []Stmt
		condc code
		bodyc bodyCode // Body compiled (compile.go)
		elsec bodyCode
	}
	While struct {
		Pos
		Cond  Expr
		Body  []Stmt
		Else  []Stmt
		condc code
		bodyc bodyCode
	}
	For struct {
		Pos
		Target Expr
		Iter   Expr
		Body   []Stmt
		Else   []Stmt
		bodyc  bodyCode
	}
	Break    struct{ Pos }
	Continue struct{ Pos }
	Pass     struct{ Pos }
	Return   struct {
		Pos
		Value Expr
		valc  code
	}
	FuncDef struct {
		Pos
		Name       string
		Params     []Param
		Body       []Stmt
		Decorators []Expr
		Returns    Expr
		IsLambda   bool
		scope      *scope
		nameRef    *Name
		bodyc      bodyCode // Body compiled (compile.go)
	}
	Param struct {
		Name    string
		Default Expr
		Kind    int // 0 positional-or-keyword, 1 *args, 2 keyword-only, 3 **kwargs, 4 positional-only
		Ann     Expr
	}
	ClassDef struct {
		Pos
		Name       string
		Bases      []Arg
		Body       []Stmt
		Decorators []Expr
		scope      *scope
		nameRef    *Name
	}
	Try struct {
		Pos
		Body     []Stmt
		Handlers []Handler
		Else     []Stmt
		Finally  []Stmt
	}
	Handler struct {
		Pos
		Type Expr // nil for a bare except
		Name *Name
		Body []Stmt
	}
	Raise struct {
		Pos
		Exc, Cause Expr
	}
	With struct {
		Pos
		Items []WithItem
		Body  []Stmt
	}
	WithItem struct {
		Ctx    Expr
		Target Expr
	}
	Import struct {
		Pos
		Names []ImportName
		refs  []*Name // the bound top-level names of "import a.b"
	}
	ImportFrom struct {
		Pos
		Level  int // leading dots: a relative import
		Module string
		Names  []ImportName
	}
	ImportName struct {
		Name   string
		AsName *Name
		// What a run importing the module found last, for a later run
		// of the program (see importSite).
		site importSite
	}
	Global struct {
		Pos
		Names []string
	}
	Nonlocal struct {
		Pos
		Names []string
	}
	Assert struct {
		Pos
		Test, Msg Expr
	}
	Del struct {
		Pos
		Targets []Expr
	}
)

func (*ExprStmt) stmt()   {}
func (*Assign) stmt()     {}
func (*AugAssign) stmt()  {}
func (*AnnAssign) stmt()  {}
func (*If) stmt()         {}
func (*While) stmt()      {}
func (*For) stmt()        {}
func (*Break) stmt()      {}
func (*Continue) stmt()   {}
func (*Pass) stmt()       {}
func (*Return) stmt()     {}
func (*FuncDef) stmt()    {}
func (*ClassDef) stmt()   {}
func (*Try) stmt()        {}
func (*Raise) stmt()      {}
func (*With) stmt()       {}
func (*Import) stmt()     {}
func (*ImportFrom) stmt() {}
func (*Global) stmt()     {}
func (*Nonlocal) stmt()   {}
func (*Assert) stmt()     {}
func (*Del) stmt()        {}

// Program is a parsed module.
type Program struct {
	File   string // "" for the learner's script; "<string>" for eval/exec
	Body   []Stmt
	Source string
	lines  []string
	scope  *scope

	// The nodes whose caches point into a run's objects (see forgetRun).
	cachedNames []*Name
	cachedAttrs []*Attribute
}

// forgetRun clears the caches a run left in the program's nodes (its
// globals dict, its classes and methods), so a program kept for reuse does
// not keep the finished run's objects alive. Methods of frozen classes,
// which live as long as the process, stay cached for the next run.
func (p *Program) forgetRun() {
	for _, n := range p.cachedNames {
		n.cacheG, n.cacheD = nil, nil
	}
	for _, a := range p.cachedAttrs {
		if a.mcls != nil && !a.mcls.frozen {
			a.mcls, a.mval = nil, nil
		}
		if a.pcls != nil && !a.pcls.frozen {
			a.pcls, a.pprop = nil, nil
		}
		a.mabsent = nil
	}
}
