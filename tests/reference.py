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
        "activation: value 0, gradient nan",  # the hand-written sigmoid at -100 (E12) ...
        "sigmoid: value 0, gradient 0",  # ... and torch.sigmoid
        "torch.float64",  # what NumPy's float arrays become
        "False True",  # view(3, 2) is not the transpose; .T is transpose(0, 1) (E6)
    ],
    "lessons/02-autograd.md": [
        "tensor(5.6569, grad_fn=",  # y = z.norm()
        "tensor([2.8284, 2.8284])",  # x.grad
        "x.grad equals x / 2: True",
        "is_leaf: False grad_fn: MulBackward0",  # randn(..., requires_grad=True) * 0.01 (E13) ...
        "w.grad: None",  # ... gets no gradient
        "w.grad: tensor([1., 1., 1.])",  # the fix
    ],
    "lessons/03-linear-regression.md": [
        "after 10000 epochs: loss 8.22, w = [5.082, 5.616]",  # gradient descent: ≈ 8.2, ≈ [5.08, 5.6]
        "least squares: loss 8.13, w = [5.066, 5.857]",  # the optimum it stops short of
        "weight: 1.00",  # nn.Module on 100 000 points: ≈ 1 ...
        "bias: 0.60",  # ... and ≈ 0.6
        "largest stable learning rate: 1.18e-03",  # why gradient descent crawls along the valley
    ],
    "lessons/04-nonlinear-regression.md": [
        "final loss: 0.1511",  # Net(1, 20, 1) with ReLU fitting x**3 + noise
        "variance of the noise, 1.3**2 / 12 = 0.1408",  # the floor no model can beat
        "sigmoid: tensor([0.0177, 0.1966, 0.2500, 0.1966, 0.0177])",  # its slope vanishes away from 0
        "   2  0.1464  0.1472",  # the seed where ReLU ends lower than tanh (E8)
    ],
    "lessons/05-logistic-regression.md": [
        "994 of 1000 right, accuracy 0.9940",  # labelled: on the training points
        "training accuracy, clusters at +1 and -1: 0.7710",  # exercise 2 ...
        "best possible accuracy on new points:     0.7602",  # ... against the Bayes accuracy (E4)
        "on the training points: 995 of 1000 right, accuracy 0.9950",  # nn.Linear(2, 1) + BCEWithLogitsLoss
        "100.0000, 100.0000, 100.0000])",  # BCELoss clamps what sigmoid + log cannot compute
    ],
    "lessons/06-softmax.md": [
        "RuntimeError: The size of tensor a (10) must match the size of tensor b (64) at non-singleton dimension 1",
        "tensor([1.0000, 1.0000, 1.0000, 1.0000, 1.0000])",  # rows of the softmax sum to 1
        "final loss 0.0513, accuracy 0.9960",  # 2-20-3 network on raw scores
        "final loss 0.2784, training accuracy 0.8670",  # a line cannot separate the two moons ...
        "2-20-2 network: final loss 0.0523, training accuracy 0.9870",  # ... a ReLU network can
    ],
    "lessons/07-mnist-networks.md": [
        "torch.Size([64, 1, 28, 28])",
        "torch.Size([64, 784])",
        "torch.Size([64, 10])",
        "(hidden): Linear(in_features=784, out_features=256, bias=True)",
        "Normalize(0.5, 0.5): mean -0.738, std 0.616, from -1.0 to 1.0",  # it does not centre the data (E1)
        "pixels that are exactly -1 after it: 81%",
        "with the usual values: mean 0.001, std 1.000",  # Normalize((0.1307,), (0.3081,))
        "drop_last=False: 3 toy batches, 63 MNIST batches",
        "drop_last=True: 2 toy batches, 62 MNIST batches",
    ],
    "lessons/08-training.md": [
        "4000 training images",  # the offline MNIST digits: the page says so
        "epoch 1/5: training loss 2.3037",  # curriculum run: SGD(lr=0.003), 5 epochs, on 3 600 images
        "epoch 5/5: training loss 2.1986",
        "validation accuracy, momentum=0.9:  88.2%",  # settings compared on the validation split (E5)
        "test accuracy with momentum: 86.0%",  # the test set, touched once
    ],
    "common-errors.md": [
        "RuntimeError: mat1 and mat2 shapes cannot be multiplied (1792x28 and 784x10)",
        "RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float",
        "RuntimeError: expected target dtype to be Long or Byte, but got Float",
        "RuntimeError: Tensor on device meta is not on the expected device cpu!",
        "after backward() number 2: w.grad = -60.0",
        "ValueError: Expected more than 1 value per channel when training",
        "RuntimeError: Can't call numpy() on Tensor that requires grad.",
    ],
    "lessons/09-cnn.md": [
        "fully connected: 100,010,000 parameters",  # the 100x100 comparison ...
        "320 parameters, output (1, 32, 100, 100)",  # ... against one convolution
        "weight: (32, 16, 3, 3)",  # channels: (out, in, kh, kw) (E3)
        "formula out*(in*kh*kw + 1) = 4,640, PyTorch: 4,640",
        "sum over input channels + bias equals the layer: True",
        "after Normalize: mean -0.43, std 0.71, pixels equal to -1: 50%",  # the padding artefact (E16)
        "100,416   94.8%",  # where the CNN's parameters are (E2)
        "autograd: rows 9-18, columns 9-18: 10 x 10 pixels",  # receptive field
        "CNN: 105,914 parameters, test accuracy 92.29%",
        "MLP: 109,578 parameters, test accuracy 88.97%",  # with batch norm, as the CNN (E11)
        "MLP without batch norm: 109,386 parameters, test accuracy 88.57%",
    ],
    "lessons/10-validation-dropout.md": [
        "test accuracy of the best dropout model: 88.6%",  # at least 88 %, the test set touched once
        "without dropout  best epoch 11: validation loss 0.3089 (epoch 20: 0.3485)",  # over-fitting ...
        "without dropout      epoch 20: training 0.1807, validation 0.3485, gap 0.1679",
        "with Dropout(p=0.2)  epoch 20: training 0.2498, validation 0.3008, gap 0.0511",  # ... and its cure
        "equal: False",  # the same image twice in train mode ...
        "equal: True",  # ... and in eval mode
        "state_dict shares the weights' memory: True",  # why early stopping copies it
        "requires_grad: False  inference tensor: True",
        "with dropout     patience 3: stops after epoch 17, keeps epoch 14",
    ],
    "lessons/11-save-load.md": [
        "exactly equal: True",  # the resumed run equals the uninterrupted one ...
        "uninterrupted: ['1.122919', '0.632068', '0.556626', '0.505072']",
        "2 + resumed 2: ['1.122919', '0.632068', '0.556626', '0.505072']",  # ... to the printed digits
        "<All keys matched successfully>",
        "same outputs: True",
        "UnpicklingError",  # what weights_only=True refuses ...
        "Unsupported global: GLOBAL argparse.Namespace",  # ... in the installed torch's words
        "size mismatch for 0.weight: copying a param with shape torch.Size([64, 784]) from checkpoint, "
        "the shape in current model is torch.Size([128, 784]).",
        'Missing key(s) in state_dict: "4.weight", "4.bias"',
        "missing:    ['4.weight', '4.bias']",  # strict=False reports what it skipped
        "equal to the uninterrupted run: False",  # exercise 2: without optimizer or generator state
        "checkpoints/checkpoint.pt",
    ],
    "lessons/12-own-images.md": [
        "PNG files written: 400",
        "data/fashion-png/train/  (10 class folders, 300 files)",  # the folder tree the lesson wrote
        "ValueError: class folders without images in data/fashion-png/val: Hat",  # the helper's own error
        "FileNotFoundError: Found no valid file for the classes Hat.",  # ImageFolder's
        "'T-shirt_top': 8",  # class_to_idx is alphabetical
        "mean per channel: [0.3219, 0.3219, 0.3219]",
        "after Normalize, std per channel:  [1.0, 1.0, 1.0]",
        "training image twice, same tensor:   False",  # augmentation for training ...
        "validation image twice, same tensor: True",  # ... never for validation
        "RuntimeError: stack expects each tensor to be equal size, but got [3, 33, 41] at entry 0 and [3, 36, 31] at entry 1",
        "torch.Size([16, 1, 28, 28])",
    ],
    "lessons/13-transfer-learning.md": [
        "MNIST:         4000 training and 1000 test images",
        "   100 |    82.60% |    79.70% |    72.90%",  # transfer beats scratch at 100 ...
        "   500 |    93.90% |    91.30% |    90.90%",  # ... and at 500 images
        "  4000 |    96.00% |    92.00% |    95.60%",
        "ResNet-18 parameters: 11,689,512",  # built with weights=None
        "trainable: 5,130",
        "output shape: (2, 10)",
        "crop_size=[224]",  # ResNet18_Weights.DEFAULT.transforms(), no download
        "transfer : 101066 trainable parameters, features equal to the pretrained ones: True",
    ],
    "lessons/14-devices-speed.md": [
        "RuntimeError: Tensor on device meta is not on the expected device cpu!",
        "strides: (48, 16, 4, 1) -> (48, 1, 12, 3)",  # channels_last
        "inside autocast, the output is torch.bfloat16",
        "no GPU here: the GPU-only code is skipped",
        "seed 0:       [2.3006, 2.289288]",  # seeds make runs repeat ...
        "seed 0 again: [2.3006, 2.289288]",
        "deterministic algorithms back to False",
        "torch.float32  -1561.4531250000  -1561.4527587891  equal: False",  # ... summation order does not
        "torch.float64  -1561.4529594577  -1561.4529594577  equal: True",
    ],
    "lessons/15-distributed.md": [
        "rank 1 of 2 | after all_reduce:  [3.0, 6.0]",  # collectives printed per rank
        "rank 1 of 2 | after broadcast:   [7.0]",
        "world size 2: 1024 images and batch 32 per rank",  # DDP launched with torchrun during the build
        "epoch 3: loss 0.868226",
        "same to 6 digits: True",  # 2 processes x batch 32 follow 1 process x batch 64
        "weights close: True",
        "all: [0.0, 1.0, 100.0, 101.0]",
        "same to 6 digits as 1 process: True",
    ],
}
