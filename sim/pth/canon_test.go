package pth

import (
	"encoding/hex"
	"fmt"
	"math"
)

// canon renders a loaded value in the canonical JSON form testdata/gen.py
// writes for what real PyTorch loaded, so the two compare as plain data.
// storages numbers each distinct *Storage in order of first appearance.
func canon(v Value, storages map[*Storage]int) any {
	switch x := v.(type) {
	case None:
		return nil
	case Bool:
		return bool(x)
	case Int:
		return map[string]any{"int": fmt.Sprint(int64(x))}
	case BigInt:
		return map[string]any{"int": x.V.String()}
	case Float:
		return map[string]any{"float": fmt.Sprintf("%016x", math.Float64bits(float64(x)))}
	case Str:
		return map[string]any{"str": string(x)}
	case Bytes:
		return map[string]any{"bytes": hex.EncodeToString(x)}
	case Size:
		out := []any{}
		for _, d := range x {
			out = append(out, float64(d))
		}
		return map[string]any{"size": out}
	case Tuple:
		return map[string]any{"tuple": canonList(x, storages)}
	case *List:
		return map[string]any{"list": canonList(x.Items, storages)}
	case *Set:
		return map[string]any{"set": canonList(x.Items, storages)}
	case *Dict:
		items := []any{}
		for i := 0; i < x.Len(); i++ {
			items = append(items, []any{canon(x.Key(i), storages), canon(x.Val(i), storages)})
		}
		kind := map[DictKind]string{PlainDict: "dict", OrderedDict: "OrderedDict", CounterDict: "Counter"}[x.Kind]
		out := map[string]any{"dict": items, "kind": kind}
		if x.Attrs != nil && x.Attrs.Len() > 0 {
			out["attrs"] = canon(x.Attrs, storages)
		}
		return out
	case DType:
		return map[string]any{"dtype": x.Name()}
	case Device:
		return map[string]any{"device": x.String()}
	case *Tensor:
		id, ok := storages[x.Storage]
		if !ok {
			id = len(storages)
			storages[x.Storage] = id
		}
		ints := func(s []int64) []any {
			out := []any{}
			for _, d := range s {
				out = append(out, float64(d))
			}
			return out
		}
		return map[string]any{"tensor": map[string]any{
			"dtype": x.DType().Name(), "shape": ints(x.Shape), "stride": ints(x.Strides),
			"offset": float64(x.Offset), "requires_grad": x.RequiresGrad, "parameter": x.Parameter,
			"storage": float64(id), "data": hex.EncodeToString(x.Storage.Data), "device": x.Storage.Location,
		}}
	case *Object:
		return map[string]any{"object": x.Class.String(), "state": canon(x.State, storages)}
	}
	return fmt.Sprintf("<unencodable %T>", v)
}

func canonList(items []Value, storages map[*Storage]int) []any {
	out := []any{}
	for _, e := range items {
		out = append(out, canon(e, storages))
	}
	return out
}
