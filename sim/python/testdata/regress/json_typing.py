import json
from typing import Dict, List, Optional
def f(x: Optional[int] = None) -> Dict[str, List[int]]:
    return {"a": [1, 2]}
meta = {"epoch": 3, "lr": 0.001, "name": "run-1", "tags": ["a", "b"], "ok": True, "none": None, "nested": {"x": 1.5}}
s = json.dumps(meta)
print(s)
print(json.dumps(meta, indent=2, sort_keys=True))
back = json.loads(s)
print(back == meta, back)
with open("meta.json", "w") as fh:
    json.dump(meta, fh)
with open("meta.json") as fh:
    print(json.load(fh)["lr"])
print(json.dumps([1, "é", {"k": [True, None]}]), json.dumps({}), json.dumps([]), json.dumps({1: 2}))
print(f(), json.loads('[1, 2.5, "x", {"a": null}]'))
