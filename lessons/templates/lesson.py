# %% [markdown] lang="ko"
# # 수업 제목
#
# 이 수업이 답하려는 질문을 한두 문장으로 씁니다. 앞 수업과 이어지면 [[lesson:global]]처럼 이름으로 가리키세요.
#
# **배울 것**
# - 첫째 목표: 학습자가 직접 해 볼 한 가지
# - 둘째 목표: 학습자가 설명할 수 있게 될 한 가지

# %% [markdown] lang="en"
# # Lesson title
#
# One or two sentences on the question this lesson answers. Refer to an earlier lesson by its name, as in
# [[lesson:global]].
#
# **You will learn**
# - first goal: one thing the learner does
# - second goal: one thing the learner can then explain

# %% tags=["device-dependent"]
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph

ph.start_lesson()
device = ph.pick_device()

# %% [markdown] lang="ko"
# ## 첫 절
#
# 학습자는 언제나 진짜 PyTorch 호출을 봅니다. 도우미는 설명하고 그릴 뿐입니다.

# %% [markdown] lang="en"
# ## First section
#
# The learner always sees the real PyTorch call; helpers only explain and draw.

# %%
layer = nn.Linear(4, 3).to(device)
prune.l1_unstructured(layer, name="weight", amount=0.5)
print(ph.t("template.kept", kept=int(layer.weight_mask.sum()), total=layer.weight.numel()))

# %% [markdown] lang="ko"
# ## 정리
#
# - 이 수업에서 배운 것을 한 줄씩 씁니다.

# %% [markdown] lang="en"
# ## Summary
#
# - One line per thing this lesson taught.

# %% [markdown] lang="ko"
# ## 연습 문제
#
# 답을 `answer=None` 자리에 넣고 셀을 실행하세요.
#
# **[[exercise:1]].** [[weight]]가 12개인 층에 `amount=0.5`를 주면 몇 개가 0이 될까요?

# %% [markdown] lang="en"
# ## Exercises
#
# Put your answer in place of `answer=None` and run the cell.
#
# **[[exercise:1]].** How many of a layer's 12 weights become zero with `amount=0.5`?

# %%
ph.check("[[exercise:1]]", answer=None)

# %% [markdown] lang="ko"
# **[[exercise:2]].** [[pruning]]한 뒤 `weight_mask`는 [[parameter]]일까요? True 또는 False로 답하세요.

# %% [markdown] lang="en"
# **[[exercise:2]].** After pruning, is `weight_mask` a parameter? Answer True or False.

# %%
ph.check("[[exercise:2]]", answer=None)
