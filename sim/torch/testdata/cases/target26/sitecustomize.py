"""Make the PyTorch 1.13 oracle behave as PyTorch 2.6 (the target) where a case can see it.

record.py puts this directory on PYTHONPATH, so CPython imports it before each case runs.
Every rewrite here is a documented difference between 1.13 and 2.6 (see README.md):

1. Optimizer.zero_grad and Module.zero_grad default to set_to_none=True in 2.x
   (1.13 zeroed the grads in place), so p.grad prints None after zero_grad().
2. Parameter-group keys gain what 2.6 has: SGD 'fused': None (after 'differentiable'),
   Adam 'fused': None instead of False, AdamW 'differentiable': False and 'fused': None
   (after 'capturable').
3. SGD with momentum=0 keeps no per-parameter state in 2.6 (1.13 stored
   {'momentum_buffer': None} for each parameter).
4. Adam and AdamW update exp_avg with lerp_(grad, 1 - beta1) in 2.6 where 1.13 used
   mul_(beta1).add_(grad, alpha=1 - beta1); the rest of the single-tensor step is unchanged.

5. Tensor.item() on a tensor with other than one element raises 2.6's
   RuntimeError("a Tensor with N elements cannot be converted to Scalar"); 1.13 raised
   ValueError("only one element tensors can be converted to Python scalars").

Frames of this file never show in recorded tracebacks: record.py drops frames not in main.py.
"""
import math

import torch
from torch.optim import adam as _adam, adamw as _adamw
from torch.optim.optimizer import Optimizer as _Optimizer

_opt_zero_grad = _Optimizer.zero_grad
_mod_zero_grad = torch.nn.Module.zero_grad


def _optimizer_zero_grad(self, set_to_none=True):
    return _opt_zero_grad(self, set_to_none=set_to_none)


def _module_zero_grad(self, set_to_none=True):
    return _mod_zero_grad(self, set_to_none=set_to_none)


_Optimizer.zero_grad = _optimizer_zero_grad
torch.nn.Module.zero_grad = _module_zero_grad


def _with_keys(cls, keys):
    """After cls.__init__, set keys (in order, appended if new) on defaults and every group."""
    init = cls.__init__

    def __init__(self, *args, **kwargs):
        init(self, *args, **kwargs)
        for k, v in keys:
            self.defaults[k] = v
            for g in self.param_groups:
                g[k] = v

    cls.__init__ = __init__


_with_keys(torch.optim.SGD, [("fused", None)])
_with_keys(torch.optim.Adam, [("fused", None)])
_with_keys(torch.optim.AdamW, [("differentiable", False), ("fused", None)])

_sgd_step = torch.optim.SGD.step


def _sgd_step_26(self, closure=None):
    loss = _sgd_step(self, closure)
    for g in self.param_groups:
        if g["momentum"] == 0:
            for p in g["params"]:
                if self.state.get(p) == {"momentum_buffer": None}:
                    del self.state[p]
    return loss


torch.optim.SGD.step = _sgd_step_26


def _single_tensor_adam_26(params, grads, exp_avgs, exp_avg_sqs, max_exp_avg_sqs, state_steps,
                           grad_scale, found_inf, *, amsgrad, beta1, beta2, lr, weight_decay, eps,
                           maximize, capturable, differentiable, decoupled=False):
    assert grad_scale is None and found_inf is None and not capturable and not differentiable
    for i, param in enumerate(params):
        grad = grads[i] if not maximize else -grads[i]
        exp_avg, exp_avg_sq, step_t = exp_avgs[i], exp_avg_sqs[i], state_steps[i]
        step_t += 1
        if decoupled:
            param.mul_(1 - lr * weight_decay)
        elif weight_decay != 0:
            grad = grad.add(param, alpha=weight_decay)
        exp_avg.lerp_(grad, 1 - beta1)
        exp_avg_sq.mul_(beta2).addcmul_(grad, grad.conj(), value=1 - beta2)
        step = step_t.item()
        bias_correction1 = 1 - beta1 ** step
        bias_correction2 = 1 - beta2 ** step
        step_size = lr / bias_correction1
        bias_correction2_sqrt = math.sqrt(bias_correction2)
        if amsgrad:
            torch.maximum(max_exp_avg_sqs[i], exp_avg_sq, out=max_exp_avg_sqs[i])
            denom = (max_exp_avg_sqs[i].sqrt() / bias_correction2_sqrt).add_(eps)
        else:
            denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps)
        param.addcdiv_(exp_avg, denom, value=-step_size)


def _single_tensor_adamw_26(params, grads, exp_avgs, exp_avg_sqs, max_exp_avg_sqs, state_steps, *,
                            amsgrad, beta1, beta2, lr, weight_decay, eps, maximize, capturable):
    # 1.13's AdamW kernel takes no grad_scale/found_inf/differentiable arguments.
    return _single_tensor_adam_26(params, grads, exp_avgs, exp_avg_sqs, max_exp_avg_sqs, state_steps,
                                  None, None, amsgrad=amsgrad, beta1=beta1, beta2=beta2, lr=lr,
                                  weight_decay=weight_decay, eps=eps, maximize=maximize,
                                  capturable=capturable, differentiable=False, decoupled=True)


_adam._single_tensor_adam = _single_tensor_adam_26
_adamw._single_tensor_adamw = _single_tensor_adamw_26


_item = torch.Tensor.item


def _item_26(self):
    if self.numel() != 1:
        raise RuntimeError(f"a Tensor with {self.numel()} elements cannot be converted to Scalar")
    return _item(self)


torch.Tensor.item = _item_26
