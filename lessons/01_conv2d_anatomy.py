# %% [markdown] lang="ko"
# # Conv2d 해부
#
# [[pruning]]은 층의 [[weight]] 가운데 일부를 0으로 만드는 일입니다. 무엇을 없앨지 고르려면 먼저 가중치가 어떤 모양으로
# 들어 있는지 알아야 합니다. 이번 수업에서는 강좌 내내 쓸 [[convolution]] 층 `nn.Conv2d(3, 2, 3, stride=1, padding=1)`
# 하나를 뜯어봅니다.
#
# **배울 것**
# - `weight.shape` `[2, 3, 3, 3]`의 네 축이 각각 무엇인지
# - `parameters()`, `named_parameters()`, `named_buffers()`의 차이와 `requires_grad`
# - `torchsummary`로 작은 CNN을 요약하는 법과 세 가지 함정

# %% [markdown] lang="en"
# # Conv2d anatomy
#
# Pruning sets some of a layer's weights to zero. To choose what to remove, you first need to know how
# the weights are laid out. In this lesson we take apart the convolution layer used throughout the
# course: `nn.Conv2d(3, 2, 3, stride=1, padding=1)`.
#
# **You will learn**
# - what each of the four axes of `weight.shape` `[2, 3, 3, 3]` means
# - how `parameters()`, `named_parameters()` and `named_buffers()` differ, and what `requires_grad` is
# - how to summarise a small CNN with `torchsummary`, and its three traps

# %%
import torch
from torch import nn

import prune_helpers as ph

ph.start_lesson()

# %% [markdown] lang="ko"
# ## 층 만들기
#
# `nn.Conv2d(3, 2, 3, stride=1, padding=1)`의 인자는 순서대로 다음과 같습니다.
#
# | 인자 | 값 | 뜻 |
# |---|---|---|
# | `in_channels` | 3 | [[in-channel]] 수. 예: 컬러 이미지의 R, G, B |
# | `out_channels` | 2 | [[out-channel]] 수 = [[filter]]의 개수 |
# | `kernel_size` | 3 | 필터가 한 번에 보는 창의 크기 3×3 |
# | `stride` | 1 | 창을 한 칸씩 옮김 |
# | `padding` | 1 | 가장자리에 0을 한 줄 둘러서 출력 크기를 입력과 같게 유지 |

# %% [markdown] lang="en"
# ## Building the layer
#
# The arguments of `nn.Conv2d(3, 2, 3, stride=1, padding=1)` are, in order:
#
# | argument | value | meaning |
# |---|---|---|
# | `in_channels` | 3 | number of input channels, e.g. R, G, B of a colour image |
# | `out_channels` | 2 | number of output channels = number of filters |
# | `kernel_size` | 3 | the filter looks at a 3×3 window |
# | `stride` | 1 | the window moves one pixel at a time |
# | `padding` | 1 | one ring of zeros around the border keeps the output as large as the input |

# %%
conv = nn.Conv2d(3, 2, 3, stride=1, padding=1)
conv

# %%
print(conv.weight.shape)
print(conv.bias.shape)

# %% [markdown] lang="ko"
# ## `weight.shape`의 네 축
#
# `[2, 3, 3, 3]`은 순서대로 출력 채널, 입력 채널, [[kernel]] 높이, 커널 너비입니다.
#
# | 축 | 크기 | 뜻 |
# |---|---|---|
# | 0 | **2** | 출력 채널 = 필터 개수 (`out_channels`) |
# | 1 | 3 | 입력 채널 (`in_channels`) |
# | 2 | 3 | 커널 높이 |
# | 3 | 3 | 커널 너비 |
#
# > **흔한 실수.** 이 강좌의 출발점이 된 메모에는 첫 축에 "out_channel = 4"라는 주석이 있었습니다. 이 주석은
# > 틀렸습니다. `out_channels=2`로 만들었으므로 첫 축은 **2**입니다. 모양을 외우기보다 직접 출력해 확인하는 습관을 들이세요.
#
# 필터 하나(`weight[0]`)의 모양은 `[3, 3, 3]`입니다. 입력 채널마다 3×3 커널이 하나씩 있습니다. `weight[0, 1]`은 0번 필터가
# 1번 입력 채널(G)에 쓰는 3×3 커널입니다. [[bias]]는 출력 채널마다 하나씩, 모두 2개입니다.

# %% [markdown] lang="en"
# ## The four axes of `weight.shape`
#
# `[2, 3, 3, 3]` is `[out_channels, in_channels, kernel height, kernel width]`.
#
# | axis | size | meaning |
# |---|---|---|
# | 0 | **2** | output channels = number of filters (`out_channels`) |
# | 1 | 3 | input channels (`in_channels`) |
# | 2 | 3 | kernel height |
# | 3 | 3 | kernel width |
#
# > **A common mistake.** The note this course grew from commented the first axis as "out_channel = 4".
# > That is wrong: the layer was built with `out_channels=2`, so the first axis is **2**. Print shapes
# > rather than remembering them.
#
# One filter (`weight[0]`) is `[3, 3, 3]`: one 3×3 kernel per input channel. `weight[0, 1]` is the 3×3
# kernel filter 0 applies to input channel 1 (G). The bias has one value per output channel: 2 in all.

# %%
print(conv.weight[0].shape)
print(conv.weight[0, 1].shape)

# %% [markdown] lang="ko"
# 출력 채널이 정말 2개인지 층에 입력을 넣어 확인해 봅시다. 배치 1장, 채널 3개, 5×5 크기의 입력을 넣으면 출력은
# 채널 2개, 크기 5×5입니다 (`padding=1` 덕분에 크기가 유지됩니다).

# %% [markdown] lang="en"
# Let us check that there really are 2 output channels by feeding the layer an input: one image with
# 3 channels of 5×5 gives 2 channels of 5×5 (`padding=1` keeps the size).

# %%
x = torch.randn(1, 3, 5, 5)
conv(x).shape

# %% [markdown] lang="ko"
# ## `parameters()`와 `named_parameters()`
#
# 학습으로 바뀌는 [[tensor]]를 [[parameter]]라고 합니다. `parameters()`는 파라미터 텐서만, `named_parameters()`는
# 이름과 함께 돌려줍니다. 프루닝 함수는 `name="weight"`처럼 **이름**으로 대상을 고르므로 이름을 아는 것이 중요합니다.

# %% [markdown] lang="en"
# ## `parameters()` and `named_parameters()`
#
# Tensors that training updates are parameters. `parameters()` yields just the tensors;
# `named_parameters()` yields them with their names. Pruning functions pick their target by **name**
# (`name="weight"`), so names matter.

# %%
for p in conv.parameters():
    print(type(p).__name__, tuple(p.shape))

# %%
for name, p in conv.named_parameters():
    print(name, tuple(p.shape), "requires_grad =", p.requires_grad)

# %% [markdown] lang="ko"
# `requires_grad = True`는 [[autograd]]가 이 텐서의 [[gradient]]를 계산한다는 뜻, 즉 학습된다는 뜻입니다.
#
# ## `named_buffers()`
#
# [[buffer]]는 모듈이 갖고 있지만 학습하지 않는 텐서입니다. `Conv2d`에는 버퍼가 없습니다. `BatchNorm2d`는 평균과
# 분산을 버퍼로 갖습니다. 다음 수업에서 보겠지만 프루닝의 [[mask]]도 버퍼로 저장됩니다.

# %% [markdown] lang="en"
# `requires_grad = True` means autograd computes this tensor's gradient, i.e. it is trained.
#
# ## `named_buffers()`
#
# A buffer is a tensor a module keeps but does not train. `Conv2d` has none. `BatchNorm2d` keeps running
# statistics as buffers. As the next lesson shows, pruning masks are stored as buffers too.

# %%
print(list(conv.named_buffers()))
batch_norm = nn.BatchNorm2d(2)
for name, b in batch_norm.named_buffers():
    print(name, tuple(b.shape), "requires_grad =", b.requires_grad)

# %% [markdown] lang="ko"
# ## 파라미터 수 세기
#
# 파라미터 수는 모든 파라미터 텐서의 원소 수를 더한 값입니다. `ph.describe`는 파라미터, 버퍼, [[hook]]을 한 표로
# 보여 줍니다. 다음 수업에서 프루닝 전후를 비교할 때 이 표를 씁니다.

# %% [markdown] lang="en"
# ## Counting parameters
#
# A parameter count is the sum of the elements of all parameter tensors. `ph.describe` shows parameters,
# buffers and hooks in one table; the next lesson uses it to compare a layer before and after pruning.

# %%
print(sum(p.numel() for p in conv.parameters()))
ph.describe(conv)

# %% [markdown] lang="ko"
# 가중치 값은 `nn.Conv2d`가 만들 때 작은 범위에서 무작위로 정합니다. 분포를 그려 보면 0 근처에 고르게 퍼져 있습니다.
# 아직 0인 값은 없습니다.

# %% [markdown] lang="en"
# `nn.Conv2d` initialises its weights randomly in a small range. The histogram shows them spread evenly
# around zero; none is zero yet.

# %%
ph.plot_histogram(conv.weight)

# %% [markdown] lang="ko"
# ## `torchsummary`로 모델 요약하기
#
# `torchsummary`의 `summary`는 각 층의 출력 모양과 파라미터 수를 표로 보여 줍니다. 합성곱 두 개와 선형 층 하나로
# 이루어진 작은 CNN을 요약해 봅시다. `device="cpu"`를 꼭 적으세요. 기본값이 `"cuda"`라서, GPU가 있는 컴퓨터에서는
# 모델(CPU)과 입력(GPU)의 [[device]]가 달라 오류가 납니다.

# %% [markdown] lang="en"
# ## Summarising a model with `torchsummary`
#
# `torchsummary`'s `summary` tabulates each layer's output shape and parameter count. Let us summarise a
# small CNN with two convolutions and one linear layer. Always pass `device="cpu"`: the default is `"cuda"`,
# which on a GPU machine puts the input on the GPU while the model stays on the CPU, and fails.

# %%
from torchsummary import summary

model = nn.Sequential(
    nn.Conv2d(3, 8, 3, padding=1),
    nn.ReLU(),
    nn.Conv2d(8, 16, 3, padding=1),
    nn.ReLU(),
    nn.AdaptiveAvgPool2d(1),
    nn.Flatten(),
    nn.Linear(16, 10),
)
summary(model, (3, 8, 8), device="cpu")

# %% [markdown] lang="ko"
# 첫 합성곱의 파라미터 224 = 8 × 3 × 3 × 3 (가중치) + 8 (편향)입니다. 직접 계산해 맞는지 확인해 보세요.
#
# ### 함정 1: 층 하나만 넣으면 실패합니다
#
# `summary`에 `nn.Conv2d` 하나를 바로 넣으면 알아보기 힘든 오류가 납니다. 아래 셀은 일부러 실패합니다.

# %% [markdown] lang="en"
# The first convolution's 224 parameters are 8 × 3 × 3 × 3 (weights) + 8 (biases). Check it yourself.
#
# ### Trap 1: a bare layer fails
#
# Passing a single `nn.Conv2d` straight to `summary` fails with a puzzling error. The next cell fails
# on purpose.

# %% tags=["raises-exception"]
summary(conv, (3, 8, 8), device="cpu")

# %% [markdown] lang="ko"
# `AttributeError: 'int' object has no attribute 'numpy'`는 층 자체의 문제가 아니라 `torchsummary`가 층 하나짜리
# 모델을 처리하지 못해서 생깁니다. **해결:** `nn.Sequential`로 한 번 감싸세요.

# %% [markdown] lang="en"
# `AttributeError: 'int' object has no attribute 'numpy'` is not about the layer: `torchsummary` cannot
# handle a model that is a single layer. **Fix:** wrap it in `nn.Sequential`.

# %%
summary(nn.Sequential(conv), (3, 8, 8), device="cpu")

# %% [markdown] lang="ko"
# ### 함정 2: 난수 상태를 소모합니다
#
# `summary`는 내부에서 `torch.rand`로 가짜 입력을 만듭니다. 그래서 [[seed]]를 정한 뒤 `summary`를 부르면, 그다음에
# 뽑는 난수(예: 무작위 프루닝의 마스크)가 달라집니다. 아래에서 `summary`의 표 출력은 감추고 난수만 비교합니다.

# %% [markdown] lang="en"
# ### Trap 2: it uses up random numbers
#
# `summary` builds its dummy input with `torch.rand`. Call it after setting a seed, and the next random
# draw (a random pruning mask, say) changes. Below, the table is hidden and only the random numbers compared.

# %%
import contextlib
import io

torch.manual_seed(0)
without_summary = torch.rand(3)

torch.manual_seed(0)
with contextlib.redirect_stdout(io.StringIO()):
    summary(model, (3, 8, 8), device="cpu")
with_summary = torch.rand(3)

print(without_summary)
print(with_summary)
print(torch.equal(without_summary, with_summary))

# %% [markdown] lang="ko"
# **해결:** `summary`를 시드 정하기 *전에* 부르거나, `with torch.random.fork_rng():` 안에서 불러 난수 상태를 되돌리세요.
#
# ### 함정 3: 프루닝한 뒤에도 파라미터 수가 그대로입니다
#
# 다음 수업에서 배울 `prune.random_unstructured`로 첫 합성곱 가중치의 절반을 0으로 만들어도 `summary`의
# "Total params"는 그대로입니다. 0도 여전히 저장된 숫자이기 때문입니다. 0의 개수는 `ph.sparsity_report`로 봅니다.

# %% [markdown] lang="en"
# **Fix:** call `summary` *before* seeding, or inside `with torch.random.fork_rng():`, which restores
# the random state afterwards.
#
# ### Trap 3: the parameter count does not drop after pruning
#
# Zeroing half of the first convolution's weights with `prune.random_unstructured` (next lesson) leaves
# `summary`'s "Total params" unchanged: a zero is still a stored number. `ph.sparsity_report` counts zeros.

# %%
from torch.nn.utils import prune

prune.random_unstructured(model[0], name="weight", amount=0.5)
with contextlib.redirect_stdout(io.StringIO()) as table:
    summary(model, (3, 8, 8), device="cpu")
print([line for line in table.getvalue().splitlines() if line.startswith("Total params")])
ph.sparsity_report(model)

# %% [markdown] lang="ko"
# [[sparsity]]는 0인 원소의 비율입니다. `Conv2d` 첫 층의 희소성은 50%인데 전체 파라미터 수는 1,562개 그대로입니다.
# 가중치를 0으로 만드는 것만으로는 모델이 작아지지 않습니다. 정말 작게 만드는 법은 뒤의 수업에서 측정하며 배웁니다.
#
# ## 정리
#
# - `Conv2d` 가중치 모양은 `[출력 채널, 입력 채널, 커널 높이, 커널 너비]`이고, 여기서 첫 축은 원래 메모의 4가 아니라 2입니다.
# - `named_parameters()`는 이름과 텐서를, `named_buffers()`는 학습되지 않는 텐서를 보여 줍니다.
# - `torchsummary`: 층 하나는 `nn.Sequential`로 감싸고, 난수 상태를 소모하며, 프루닝 뒤에도 파라미터 수를 그대로 셉니다.
#
# ## 연습 문제
#
# **[[exercise:1]].** `nn.Conv2d(3, 2, 3)`의 출력 채널은 몇 개인가요? 정수로 답하세요.

# %% [markdown] lang="en"
# The first layer is 50% sparse, yet the total parameter count is still 1,562. Sparsity is the share of
# entries that are zero. Zeroing weights alone does not make a model smaller; later lessons measure how
# to really shrink one.
#
# ## Summary
#
# - A `Conv2d` weight is `[out_channels, in_channels, kernel height, kernel width]`; its first axis here
#   is 2, not the 4 of the original note.
# - `named_parameters()` shows names and tensors; `named_buffers()` shows the tensors that are not trained.
# - `torchsummary`: wrap a single layer in `nn.Sequential`; it uses up random numbers; it counts pruned
#   zeros as parameters.
#
# ## Exercises
#
# **[[exercise:1]].** How many output channels does `nn.Conv2d(3, 2, 3)` have? Answer with an integer.

# %%
ph.check("[[exercise:1]]", answer=None)

# %% [markdown] lang="ko"
# **[[exercise:2]].** `nn.Conv2d(3, 2, 3)`의 파라미터는 모두 몇 개인가요 (가중치와 편향을 합쳐서)?

# %% [markdown] lang="en"
# **[[exercise:2]].** How many parameters does `nn.Conv2d(3, 2, 3)` have in total (weights and biases)?

# %%
ph.check("[[exercise:2]]", answer=None)

# %% [markdown] lang="ko"
# **[[exercise:3]].** `nn.Conv2d(16, 32, 5)`의 `weight.shape`는 무엇일까요? 코드를 실행하지 말고 튜플로 답하세요. 예: `(1, 2, 3, 4)`

# %% [markdown] lang="en"
# **[[exercise:3]].** What is the `weight.shape` of `nn.Conv2d(16, 32, 5)`? Answer with a tuple, without running
# code first, e.g. `(1, 2, 3, 4)`.

# %%
ph.check("[[exercise:3]]", answer=None)

# %% [markdown] lang="ko"
# 다음 수업에서는 드디어 이 층을 프루닝하고, PyTorch가 모듈 안에서 무엇을 바꾸는지 하나씩 찾아봅니다.

# %% [markdown] lang="en"
# Next, we finally prune this layer and find, one by one, what PyTorch changes inside the module.
