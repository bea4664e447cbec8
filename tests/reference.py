"""Reference outputs that the built pages must show, in every language.

The curriculum's reference numbers (CURRICULUM.md) come first in each list; the
rest pin outputs the prose relies on. Each string must appear verbatim in the
page's text, so it was produced by this build.
"""

REFERENCE = {
    "lessons/01-tensors.md": [
        "tensor([[0.1595]])",  # single neuron, by sum and by torch.mm
        "tensor([[0.3171]])",  # 3-2-1 network
        "RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x5 and 1x5)",
    ],
    "lessons/02-autograd.md": [
        "tensor(5.6569, grad_fn=",  # y = z.norm()
        "tensor([2.8284, 2.8284])",  # x.grad
        "x.grad equals x / 2: True",
    ],
    "lessons/03-linear-regression.md": [
        "after 10000 epochs: loss 8.22, w = [5.082, 5.616]",  # gradient descent: ≈ 8.2, ≈ [5.08, 5.6]
        "least squares: loss 8.13, w = [5.066, 5.857]",  # the optimum it stops short of
        "weight: 1.00",  # nn.Module on 100 000 points: ≈ 1 ...
        "bias: 0.60",  # ... and ≈ 0.6
    ],
    "lessons/04-nonlinear-regression.md": [
        "final loss: 0.1511",  # Net(1, 20, 1) with ReLU fitting x**3 + noise
        "variance of the noise, 1.3**2 / 12 = 0.1408",  # the floor no model can beat
    ],
    "lessons/05-logistic-regression.md": [
        "994 of 1000 right, accuracy 0.9940",
    ],
    "lessons/06-softmax.md": [
        "RuntimeError: The size of tensor a (10) must match the size of tensor b (64) at non-singleton dimension 1",
        "tensor([1.0000, 1.0000, 1.0000, 1.0000, 1.0000])",  # rows of the softmax sum to 1
        "final loss 0.0513, accuracy 0.9960",  # 2-20-3 network on raw scores
    ],
    "lessons/07-mnist-networks.md": [
        "torch.Size([64, 1, 28, 28])",
        "torch.Size([64, 784])",
        "torch.Size([64, 10])",
        "(hidden): Linear(in_features=784, out_features=256, bias=True)",
    ],
    "lessons/08-training.md": [
        "4000 training images",  # the offline MNIST digits: the page says so
        "epoch 1/5: training loss 2.3019",  # curriculum run: SGD(lr=0.003), 5 epochs
        "epoch 5/5: training loss 2.1824",
        "test accuracy: 48.4%",
        "test accuracy with momentum: 86.4%",
    ],
}
