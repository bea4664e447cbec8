# Lesson 5: logistic regression with two classes.
# The site runs it section by section (tools/execute.py) and shows each section with its output.

# %%
# --8<-- [start:imports]
import matplotlib.pyplot as plt
import torch
from torch import nn
# --8<-- [end:imports]

# %%
# --8<-- [start:helpers]
from snippets.plots import plot_decision_regions
# --8<-- [end:helpers]

# %%
# --8<-- [start:sigmoid]
scores = torch.tensor([-4.0, -1.0, 0.0, 1.0, 4.0])
torch.sigmoid(scores)  # each score becomes a probability of class 1
# --8<-- [end:sigmoid]

# %%
# --8<-- [start:minus-log]
p = torch.tensor([0.99, 0.9, 0.5, 0.1, 0.01])  # probability given to the right class
for prob, loss in zip(p.tolist(), (-torch.log(p)).tolist()):
    print(f"p = {prob:.2f}   -log(p) = {loss:.4f}")
# --8<-- [end:minus-log]

# %%
# --8<-- [start:minus-log-plot]
grid = torch.linspace(0.005, 1, 200)

fig, ax = plt.subplots(figsize=(6, 3.2))
ax.plot(grid.numpy(), (-torch.log(grid)).numpy(), label="-log(p)")
ax.scatter(p.numpy(), (-torch.log(p)).numpy(), color="crimson", zorder=3, label="the values above")
ax.set_xlabel("p: probability the model gives to the right class")
ax.set_ylabel("loss")
ax.legend()
plt.show()
# --8<-- [end:minus-log-plot]

# %%
# --8<-- [start:data]
torch.manual_seed(0)  # same points on every run

class_0 = torch.normal(4, 2, (500, 2))  # 500 points around (4, 4)
class_1 = torch.normal(-4, 2, (500, 2))  # 500 points around (-4, -4)
points = torch.cat((class_0, class_1))  # shape (1000, 2)
labels = torch.cat((torch.zeros(500), torch.ones(500))).long()  # class numbers must be integers

print(points.shape, labels.shape)
print(points[:3])
print(labels[:3], labels[-3:])
# --8<-- [end:data]

# %%
# --8<-- [start:data-plot]
fig, ax = plt.subplots(figsize=(5, 4.5))
# blue for class 0, orange for class 1, as in plot_decision_regions later
ax.scatter(class_0[:, 0].numpy(), class_0[:, 1].numpy(), s=8, color="tab:blue", label="class 0: N(+4, 2)")
ax.scatter(class_1[:, 0].numpy(), class_1[:, 1].numpy(), s=8, color="tab:orange", label="class 1: N(-4, 2)")
ax.set_xlabel("x1")
ax.set_ylabel("x2")
ax.legend()
plt.show()
# --8<-- [end:data-plot]

# %%
# --8<-- [start:model]
device = "cuda" if torch.cuda.is_available() else "cpu"  # the GPU when there is one
points, labels = points.to(device), labels.to(device)

torch.manual_seed(1)  # the starting weights are random too
model = nn.Linear(2, 2).to(device)  # 2 inputs (x1, x2) -> 2 scores, one per class
print(model.weight.shape, model.bias.shape)
model
# --8<-- [end:model]

# %%
# --8<-- [start:loss-function]
loss_fn = nn.CrossEntropyLoss()

one_point = torch.tensor([[2.0, -1.0]])  # scores: 2 for class 0, -1 for class 1
true_class = torch.tensor([0])
p_right = torch.sigmoid(one_point[0, 0] - one_point[0, 1])  # two classes: sigmoid of the difference
print(f"probability of the true class: {p_right:.4f}")
print(f"-log(p):                       {-torch.log(p_right):.4f}")
print(f"nn.CrossEntropyLoss:           {loss_fn(one_point, true_class):.4f}")
# --8<-- [end:loss-function]

# %%
# --8<-- [start:no-softmax]
sure = torch.tensor([[10.0, -10.0]])  # very sure it is class 0
print(f"sure and right:               {loss_fn(sure, torch.tensor([0])):.4f}")
print(f"sure and wrong:               {loss_fn(sure, torch.tensor([1])):.4f}")

squashed = torch.softmax(sure, dim=1)  # the mistake: probabilities passed in as scores
print(f"sure and right, softmax first: {loss_fn(squashed, torch.tensor([0])):.4f}")
# --8<-- [end:no-softmax]

# %%
# --8<-- [start:train]
optimizer = torch.optim.SGD(model.parameters(), lr=0.02)
epochs = 500
losses = []

model.train()  # training mode (the habit matters for layers met later)
for epoch in range(epochs):
    optimizer.zero_grad()  # gradients add up, so clear the previous step's
    output = model(points)  # all 1000 points at once: one full batch
    loss = loss_fn(output, labels)  # raw scores go straight in
    loss.backward()
    optimizer.step()
    losses.append(loss.item())
    if epoch % 50 == 0 or epoch == epochs - 1:
        print(f"epoch {epoch:3d}   loss {loss.item():.4f}")
# --8<-- [end:train]

# %%
# --8<-- [start:loss-plot]
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.plot(losses)
ax.set_xlabel("epoch")
ax.set_ylabel("cross-entropy loss")
plt.show()
# --8<-- [end:loss-plot]

# %%
# --8<-- [start:predictions]
model.eval()  # evaluation mode for predictions
with torch.no_grad():  # no gradients needed, so build no graph
    output = model(points)

few = [0, 1, 500, 501]  # two points from each cluster
print(output[few])
torch.max(output[few], 1)  # along dim 1: the best score in each row, and where it is
# --8<-- [end:predictions]

# %%
# --8<-- [start:accuracy]
_, predicted = torch.max(output, 1)  # keep only the indices: the predicted classes
print("predicted:", predicted[few])
print("true:     ", labels[few])

correct = (predicted == labels).sum().item()
accuracy = correct / len(labels)
print(f"on the training points: {correct} of {len(labels)} right, accuracy {accuracy:.4f}")
# --8<-- [end:accuracy]

# %%
# --8<-- [start:decision-regions]
fig, ax = plt.subplots(figsize=(5, 4.5))
plot_decision_regions(model, points, labels, ax=ax)  # colours the plane by predicted class
ax.set_title("Predicted class over the plane, true classes as dots")
plt.show()
# --8<-- [end:decision-regions]

# %%
# --8<-- [start:bce-train]
targets = labels.float().unsqueeze(1)  # shape (1000, 1), values 0.0 and 1.0: the shape of the output
print(targets.shape, targets.dtype)

torch.manual_seed(1)
binary_model = nn.Linear(2, 1).to(device)  # 2 inputs -> 1 score (logit) for class 1
bce_loss_fn = nn.BCEWithLogitsLoss()  # sigmoid and binary cross-entropy in one safe step
optimizer = torch.optim.SGD(binary_model.parameters(), lr=0.02)

binary_model.train()
for epoch in range(epochs):
    optimizer.zero_grad()
    loss = bce_loss_fn(binary_model(points), targets)  # raw scores go straight in, as before
    loss.backward()
    optimizer.step()
print(f"final loss {loss.item():.4f}")
# --8<-- [end:bce-train]

# %%
# --8<-- [start:bce-predict]
binary_model.eval()
with torch.no_grad():
    logit = binary_model(points)  # shape (1000, 1)
probability_1 = torch.sigmoid(logit)  # probability of class 1
predicted_1 = (probability_1 > 0.5).long().flatten()  # class 1 when more likely than not

print("probability of class 1:", probability_1[few].flatten())
print("predicted:", predicted_1[few])
correct_1 = (predicted_1 == labels).sum().item()
print(f"on the training points: {correct_1} of {len(labels)} right, accuracy {correct_1 / len(labels):.4f}")
# --8<-- [end:bce-predict]

# %%
# --8<-- [start:bce-stability]
z = torch.tensor([10.0, 20.0, 100.0, 1000.0], requires_grad=True)  # confident scores for class 1...
y = torch.zeros(4)  # ...but every point is class 0: confident mistakes

by_hand = -torch.log(1 - torch.sigmoid(z))  # -log(probability of class 0), step by step
bce = nn.BCELoss(reduction="none")(torch.sigmoid(z), y)  # sigmoid first, then BCELoss
bce_logits = nn.BCEWithLogitsLoss(reduction="none")(z, y)  # the logits go straight in
print("sigmoid(z):              ", torch.sigmoid(z).detach())
print("-log(1 - sigmoid(z)):    ", by_hand.detach())
print("BCELoss(sigmoid(z)):     ", bce.detach())
print("BCEWithLogitsLoss(z):    ", bce_logits.detach())

bce.sum().backward()
print("gradient, BCELoss:       ", z.grad)
z.grad = None  # start clean before the second way
bce_logits.sum().backward()
print("gradient, BCEWithLogits: ", z.grad)
# --8<-- [end:bce-stability]

# %%
# --8<-- [start:exercise-1-solution]
new_point = torch.tensor([[0.5, 0.5]], device=device)

model.eval()
with torch.no_grad():
    new_scores = model(new_point)
probabilities = torch.softmax(new_scores, dim=1)  # scores -> probabilities that sum to 1

print(probabilities)
print(f"probability of class 1: {probabilities[0, 1]:.4f}")
print(f"sigmoid(z1 - z0):       {torch.sigmoid(new_scores[0, 1] - new_scores[0, 0]):.4f}")
# --8<-- [end:exercise-1-solution]

# %%
# --8<-- [start:exercise-2-solution]
torch.manual_seed(0)
near = torch.cat((torch.normal(1, 2, (500, 2)), torch.normal(-1, 2, (500, 2)))).to(device)

torch.manual_seed(1)
model_near = nn.Linear(2, 2).to(device)
optimizer = torch.optim.SGD(model_near.parameters(), lr=0.02)
model_near.train()
for epoch in range(epochs):
    optimizer.zero_grad()
    loss = loss_fn(model_near(near), labels)  # same labels: first 500 are class 0
    loss.backward()
    optimizer.step()

model_near.eval()
with torch.no_grad():
    _, predicted_near = torch.max(model_near(near), 1)
accuracy_near = (predicted_near == labels).float().mean().item()
print(f"final loss {loss.item():.4f}")
print(f"training accuracy, clusters at +4 and -4: {accuracy:.4f}")
print(f"training accuracy, clusters at +1 and -1: {accuracy_near:.4f}")

# The best any classifier can do on new points from these two clouds (the Bayes accuracy):
# the boundary halfway between the centres, right with probability Phi(distance / (2 * std))
distance = torch.dist(torch.tensor([1.0, 1.0]), torch.tensor([-1.0, -1.0]))  # between the centres
bayes = torch.distributions.Normal(0, 1).cdf(distance / (2 * 2)).item()  # Phi: the normal CDF
print(f"best possible accuracy on new points:     {bayes:.4f}")

torch.manual_seed(2)  # 10 000 new points from the same two clouds, never used for training
new_points = torch.cat((torch.normal(1, 2, (5000, 2)), torch.normal(-1, 2, (5000, 2)))).to(device)
new_labels = torch.cat((torch.zeros(5000), torch.ones(5000))).long().to(device)
with torch.no_grad():
    _, predicted_new = torch.max(model_near(new_points), 1)
print(f"accuracy on 10 000 new points:            {(predicted_new == new_labels).float().mean().item():.4f}")

fig, ax = plt.subplots(figsize=(5, 4.5))
plot_decision_regions(model_near, near, labels, ax=ax)
ax.set_title("Clusters at +1 and -1: they overlap")
plt.show()
# --8<-- [end:exercise-2-solution]
