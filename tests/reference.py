"""Reference outputs from CURRICULUM.md that the built pages must show, in every language."""

REFERENCE = {
    "lessons/01-tensors.md": [
        "tensor([[0.1595]])",  # single neuron, by sum and by torch.mm
        "tensor([[0.3171]])",  # 3-2-1 network
        "RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x5 and 1x5)",
    ],
}
