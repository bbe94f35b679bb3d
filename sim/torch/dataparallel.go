package torch

import (
	"sort"
	"strings"

	"github.com/ckptlab/ckptlab/sim/python"
)

// nn.DataParallel on a machine without GPUs wraps its module and calls it:
// what the course needs to show where a checkpoint's "module." prefix
// comes from. torch.nn.modules.utils.consume_prefix_in_state_dict_if_present
// strips that prefix.

func init() {
	defineLayer(layer{name: "DataParallel", module: "torch.nn.parallel.data_parallel",
		init: func(th *python.Thread, m *Module, args python.Args) error {
			var mod python.Value
			if err := python.UnpackArgs("DataParallel.__init__", args, "module", &mod, "device_ids?", new(python.Value), "output_device?", new(python.Value), "dim?", new(python.Value)); err != nil {
				return err
			}
			if _, ok := mod.(*Module); !ok {
				return python.Errorf(python.TypeErrorClass, "%s is not a Module subclass", qualTypeName(mod))
			}
			m.modules.set("module", mod)
			setAttrs(m, "device_ids", python.NewList(nil))
			return nil
		},
		forward: func(th *python.Thread, m *Module, args python.Args) (python.Value, error) {
			inner, _ := m.modules.get("module")
			if inner == nil {
				return nil, python.Errorf(python.TypeErrorClass, "'NoneType' object is not callable")
			}
			return python.Call(th, inner, args)
		},
	})
	register("torch.nn.modules", func(m *python.Module) {
		m.Set("Module", ModuleClass)
	})
	register("torch.nn.modules.utils", func(m *python.Module) {
		m.SetFunc("consume_prefix_in_state_dict_if_present", consumePrefix)
	})
	register("torch.nn.parallel", func(m *python.Module) {
		m.Set("DataParallel", layerClasses["DataParallel"])
	})
}

// consumePrefix renames keys starting with prefix in place, moving them to
// the end as pop-and-insert does, and does the same to _metadata.
func consumePrefix(th *python.Thread, args python.Args) (python.Value, error) {
	var sdV python.Value
	var prefix string
	if err := python.UnpackArgs("consume_prefix_in_state_dict_if_present", args, "state_dict", &sdV, "prefix", &prefix); err != nil {
		return nil, err
	}
	sd, ok := sdV.(*python.Dict)
	if !ok {
		return nil, python.Errorf(python.AttributeErrorClass, "'%s' object has no attribute 'keys'", sdV.Type().Name)
	}
	rename := func(d *python.Dict, match func(string) bool) error {
		// in sorted order, as the helper walks sorted(state_dict.keys())
		keys := d.Keys()
		sort.SliceStable(keys, func(i, j int) bool {
			a, _ := keys[i].(python.Str)
			b, _ := keys[j].(python.Str)
			return a < b
		})
		for _, k := range keys {
			s, ok := k.(python.Str)
			if !ok || !match(string(s)) {
				continue
			}
			v, _, err := d.Get(th, k)
			if err != nil {
				return err
			}
			if _, err := d.Delete(th, k); err != nil {
				return err
			}
			newKey := ""
			if len(s) >= len(prefix) {
				newKey = string(s)[len(prefix):]
			}
			if err := d.Set(th, python.Str(newKey), v); err != nil {
				return err
			}
		}
		return nil
	}
	if err := rename(sd, func(k string) bool { return strings.HasPrefix(k, prefix) }); err != nil {
		return nil, err
	}
	if meta := sd.Metadata(); meta != nil {
		if err := rename(meta, func(k string) bool { return k != "" && strings.HasPrefix(k, prefix) }); err != nil {
			return nil, err
		}
	}
	return python.None, nil
}
