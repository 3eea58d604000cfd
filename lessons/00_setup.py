# %% [markdown] lang="ko"
# # 환경 설정
#
# 이 강좌는 PyTorch의 `torch.nn.utils.prune`으로 신경망 [[pruning]]을 배웁니다. 첫 시간에는 여러분의
# 컴퓨터가 강좌를 돌릴 준비가 되었는지 하나씩 확인합니다.
#
# **배울 것**
# - JupyterLab에서 셀을 실행하고, [[kernel-jupyter]]을 다시 시작하고, 화면을 한국어로 바꾸는 법
# - 설치된 패키지 버전이 저장된 출력과 맞는지 확인하는 법
# - 계산할 [[device]]를 고르는 법 (CPU, CUDA GPU, Apple MPS)
# - 그림에서 한글이 깨지지 않는지, [[widget]]이 움직이는지 확인하는 법
# - [[seed]]로 무작위 결과를 똑같이 다시 만드는 법

# %% [markdown] lang="en"
# # Setup
#
# This course teaches neural-network pruning with PyTorch's `torch.nn.utils.prune`. In this first
# lesson you check, step by step, that your computer is ready for the course.
#
# **You will learn**
# - how to run cells, restart the kernel and switch JupyterLab to Korean
# - how to check that the installed package versions match the stored outputs
# - how to choose the device to compute on (CPU, CUDA GPU, Apple MPS)
# - how to check that plots show Korean text and that widgets move
# - how a random seed makes random results repeatable

# %% [markdown] lang="ko"
# ## JupyterLab 기초
#
# - **셀 실행**: 셀을 클릭하고 `Shift+Enter`. 셀 왼쪽의 `[*]`는 실행 중, `[3]`은 세 번째로 실행됐다는 뜻입니다.
# - **모두 실행**: 메뉴 *Run → Run All Cells* (한국어 화면에서는 *실행 → 모든 셀 실행*).
# - **주피터 커널 다시 시작**: 노트북의 코드를 실행하는 파이썬 프로세스를 주피터 커널이라고 합니다. 이상하게 동작하면
#   *Kernel → Restart Kernel and Run All Cells*로 처음부터 다시 실행하세요.
# - **화면을 한국어로**: `jupyterlab-language-pack-ko-kr`이 이미 설치되어 있습니다. *Settings → Language → 한국어*를
#   고르면 메뉴가 한국어로 바뀝니다.
#
# 아래 첫 코드 셀은 모든 수업의 맨 앞에 있습니다. `ph.start_lesson("ko")`가 도우미의 언어를 한국어로 정하고, 난수 시드와
# 스레드 수를 고정합니다. 언어가 코드에 적혀 있으므로 노트북을 다른 폴더나 Colab으로 옮겨도 한국어로 나옵니다. 맨 위의
# `try` 몇 줄은 강좌 패키지가 설치되지 않은 곳에서 열었을 때 무엇을 실행해야 하는지 알려 줍니다. 오류가 나면 마지막 한 줄만
# 보이도록 설정하므로, PyTorch 내부를 거친 긴 추적 정보가 보고 싶으면 `%xmode Context`를 실행하세요.

# %% [markdown] lang="en"
# ## JupyterLab basics
#
# - **Run a cell**: click it and press `Shift+Enter`. `[*]` left of a cell means it is running; `[3]` means
#   it ran third.
# - **Run everything**: menu *Run → Run All Cells*.
# - **Restart the kernel**: the Python process that runs a notebook's code is its kernel. If something
#   behaves strangely, use *Kernel → Restart Kernel and Run All Cells* to start over.
# - **Korean interface**: `jupyterlab-language-pack-ko-kr` is installed. *Settings → Language → Korean*
#   switches the menus to Korean.
#
# The first code cell below starts every lesson. `ph.start_lesson("en")` sets the helpers' language to English and
# fixes the random seed and the thread count. The language is written in the code, so the notebook stays English
# wherever you move it (another folder, Colab). The few `try` lines at the top say what to run when the notebook is
# opened where the course's packages are not installed. Errors show only their last line; run `%xmode Context` to see
# the full traceback through PyTorch's source.

# %%
import torch

import prune_helpers as ph

ph.start_lesson()

# %% [markdown] lang="ko"
# 출력 한 줄이 세 가지를 알려 줍니다. **언어**는 도우미 패키지 `prune_helpers`가 출력하는 모든 글의 언어입니다.
# **시드 0**은 난수 생성기의 출발점을 고정합니다. 연달아 뽑은 난수는 서로 다르지만, 다시 실행하면 처음부터 같은 순서로
# 같은 난수들이 나옵니다. **스레드 1**은 토치가 계산을 스레드 하나로만 하게 합니다. 코어 수에 따라 계산을 나누는 방식이
# 바뀌면 더하는 순서가 바뀌고, 부동소수점 결과의 끝자리가 달라지기 때문입니다.
#
# **어디까지 같은가.** PyTorch는 CPU 종류(AVX-512, AVX2, 그 밖의 CPU)나 GPU가 다르면 같은 코드도 결과의 끝자리가 다를 수
# 있다고 분명히 밝힙니다. 이 강좌는 그래도 노트북에 저장된 출력이 그대로 나오도록 만들었고, 자동 검사로 확인합니다. [[weight]]의
# 처음 값은 어느 CPU에서나 같은 방식으로 뽑고, 학습하는 수업은 float64로 계산해서 작은 차이가 출력된 자릿수까지 자라지 않게
# 합니다. 검사는 AVX-512, AVX2, 기본 CPU [[compute-kernel]]에서 돌고, GPU에서 달라질 수밖에 없는 셀, 곧 GPU 이름이나 CUDA
# 난수로 뽑은 [[mask]]를 보여 주는 셀에는 `device-dependent` 태그를 붙였습니다. 여러분이 직접 하는 실험은 다릅니다. float32로 학습하면 다른 컴퓨터에서 정확도가
# 소수점 아래나 그 이상 달라질 수 있으니, 결론은 여러 시드로 돌린 결과를 보고 내세요.
#
# ## 패키지 버전 확인
#
# 노트북에 저장된 출력은 아래 "고정 버전"으로 만들어졌습니다. 버전이 다르면 출력이 조금 달라질 수 있습니다.

# %% [markdown] lang="en"
# That one line says three things. **Language** is the language of every text the helper package
# `prune_helpers` prints. **Seed 0** fixes where the random number generator starts: two draws in a row differ, but
# every run gives the same sequence of draws. **One thread** makes torch compute on a single thread: splitting work
# over a different number of cores changes the order of additions, and with it the last digits of float results.
#
# **What stays the same, and where.** PyTorch states plainly that the same code may give results that differ in the
# last digits on another kind of CPU (AVX-512, AVX2, others) or on a GPU. This course is built so that the outputs
# stored in its notebooks still come out exactly, and an automatic check proves it: initial weights are drawn the same
# way on every CPU, and the lessons that train compute in float64, so tiny differences never grow into the printed
# digits. The check runs with PyTorch's AVX-512, AVX2 and default CPU kernels; the few cells that must differ on a GPU
# (the GPU's name, masks drawn by CUDA's random generator) carry a `device-dependent` tag. Your own experiments are
# another matter: trained in float32, accuracies can differ in the decimals or more on another machine, so draw
# conclusions from several seeds.
#
# ## Package versions
#
# The outputs stored in these notebooks were made with the "pinned" versions below. Other versions
# may print slightly different results.

# %%
ph.check_versions()

# %% [markdown] lang="ko"
# 모든 줄이 "일치"이면 준비가 끝났습니다. "다름"이 있으면 README의 설치 명령을 다시 실행하세요. 특히 `torch`는
# 반드시 `2.13.0`이어야 합니다. 버전을 고정하지 않으면 pip이 수 GB짜리 CUDA 패키지를 받아 옵니다.
#
# ## 장치 고르기
#
# `ph.pick_device()`는 CUDA GPU가 있으면 `cuda`, Apple 실리콘이면 `mps`, 둘 다 없으면 `cpu`를 돌려주고 이유를 한 줄로
# 알려 줍니다. [[lesson:random_unstructured]]부터는 모든 수업이 첫 셀에서 이 함수로 `device`를 고르고, 모델과 데이터를 그 장치에 올려 계산합니다.
# 이 셀의 출력은 GPU가 있는 컴퓨터에서 달라지므로 `device-dependent` 태그가 붙어 있습니다. GPU가 있어도 CPU로 계산하고
# 싶으면 주피터를 열기 전에 환경 변수 `PRUNE_HELPERS_DEVICE=cpu`를 설정하세요.

# %% [markdown] lang="en"
# If every row says "ok", you are ready. If one says "differs", run the install command from the README
# again. `torch` in particular must be `2.13.0`: without the pin, pip downloads several GB of CUDA packages.
#
# ## Choosing a device
#
# `ph.pick_device()` returns `cuda` when there is a CUDA GPU, `mps` on Apple silicon, and `cpu` otherwise,
# and says why in one line. From [[lesson:random_unstructured]] on, every lesson picks `device` with it in its first cell and puts its
# models and data there. This cell's output differs on a GPU machine, so it carries the `device-dependent` tag. To
# compute on the CPU even though a GPU is present, set the environment variable `PRUNE_HELPERS_DEVICE=cpu` before
# starting Jupyter.

# %% tags=["device-dependent"]
device = ph.pick_device()
device

# %% [markdown] lang="ko"
# 이 강좌의 수업은 CPU만으로 대부분 몇 초, 가장 긴 [[lesson:real_model]]도 2분 안에 돌아갑니다. GPU에서도 같은 코드가 그대로 돌고, `device-dependent` 태그가 붙은 몇 셀을 빼면 출력되는 숫자도 같습니다.
# 다만 이 작은 모델들은 GPU에서 크게 빨라지지 않습니다(계산보다 호출 비용이 큽니다).
#
# ## 한글 글꼴 확인
#
# matplotlib의 기본 글꼴에는 한글이 없어서 제목이 네모(□)로 깨집니다. `prune_helpers`는 `koreanize-matplotlib`
# 패키지에 들어 있는 나눔고딕(NanumGothic)을 *보조* 글꼴로 등록합니다. 영어와 숫자는 DejaVu Sans로, 한글만
# 나눔고딕으로 그리므로 음수 기호(−)도 제대로 나옵니다.

# %% [markdown] lang="en"
# Most lessons run in seconds on a CPU alone; the longest, [[lesson:real_model]], takes under two minutes. The same code runs unchanged on a GPU and prints the same numbers (apart from the few
# `device-dependent` cells), though these small models do not get much faster there (call overhead outweighs the work).
#
# ## Korean font check
#
# Matplotlib's default fonts have no Korean glyphs, so Korean titles turn into boxes. `prune_helpers`
# registers NanumGothic, shipped inside the `koreanize-matplotlib` package, as a *fallback* font: Latin
# letters and digits stay in DejaVu Sans and only Korean uses NanumGothic, so the minus sign (−) stays right.

# %%
print(ph.font_status())
ph.font_check_picture()

# %% [markdown] lang="ko"
# 그림 제목의 한글과 −1.5의 음수 기호가 또렷하게 보이면 성공입니다.
#
# ## 위젯 확인
#
# 나중 수업에서는 [[widget]] 슬라이더로 프루닝 비율을 움직이며 그림이 바뀌는 것을 봅니다. 아래 슬라이더를 움직여
# 보세요. 오른쪽 글자가 따라 바뀌면 위젯이 작동하는 것입니다. "Error displaying widget"이 보이면 JupyterLab을 닫고
# README의 설치 명령을 다시 실행한 뒤 브라우저를 새로고침하세요. (위젯 화면은 실행할 때마다 새로 만들어지므로
# 자동 검사는 이 셀의 출력을 비교하지 않습니다.)

# %% [markdown] lang="en"
# Success if the Korean characters in the title and the minus sign of −1.5 are clearly drawn.
#
# ## Widget check
#
# Later lessons use widget sliders to change how much is pruned and watch the picture change. Move the
# slider below: if the text beside it follows, widgets work. If you see "Error displaying widget", close
# JupyterLab, run the install command from the README again and reload the browser page. (A widget's view
# is created anew on every run, so the automatic check does not compare this cell's output.)

# %% tags=["nbval-ignore-output"]
import ipywidgets as widgets

slider = widgets.IntSlider(value=3, min=0, max=10, description="x")
square = widgets.Label()


def show_square(change=None):
    square.value = f"x² = {slider.value ** 2}"


slider.observe(show_square, names="value")
show_square()
widgets.HBox([slider, square])

# %% [markdown] lang="ko"
# 슬라이더는 코드로도 움직일 수 있습니다. 자동 테스트와 연습 문제는 이렇게 위젯을 조작합니다. 값을 바꾸면 위의 슬라이더도
# 함께 움직입니다.

# %% [markdown] lang="en"
# Code can move a slider too; the tests and exercises drive widgets this way. Setting the value also
# moves the slider above.

# %%
slider.value = 7
square.value

# %% [markdown] lang="ko"
# ## 시드와 재현성
#
# 무작위 프루닝은 난수로 없앨 가중치를 고릅니다. [[seed]]를 정하면 난수열의 시작점이 같아져서 결과를 그대로 다시
# 만들 수 있습니다.

# %% [markdown] lang="en"
# ## Seeds and reproducibility
#
# Random pruning uses random numbers to choose which weights to remove. Setting a seed fixes where the
# random sequence starts, so the result can be made again exactly.

# %%
torch.manual_seed(0)
print(torch.rand(3))
torch.manual_seed(0)
print(torch.rand(3))

# %% [markdown] lang="ko"
# 두 줄이 똑같습니다. 두 번째로 뽑기 전에 시드를 다시 정했기 때문입니다.
#
# ## 정리
#
# - 모든 수업은 `ph.start_lesson()`으로 시작합니다. 이 함수가 언어, 시드, 스레드 수, 한글 글꼴을 정합니다.
# - `ph.check_versions()`로 설치된 버전을, `ph.pick_device()`로 계산 장치를 확인합니다.
# - 노트북에 출력되는 숫자는 CPU에서 계산해서 어느 컴퓨터에서나 같습니다.
# - 시드를 정하면 무작위 결과도 다시 만들 수 있습니다.
#
# ## 연습 문제
#
# 각 셀의 `answer=None`을 여러분의 답으로 바꾸고 실행하세요. 틀리면 답 대신 힌트를 보여 줍니다.
#
# **[[exercise:1]].** GPU가 없는 노트북 컴퓨터에서 `ph.pick_device()`는 어떤 장치를 고를까요? 장치 이름을 문자열로 답하세요.

# %% [markdown] lang="en"
# The two lines are identical, because the seed was set again before the second draw.
#
# ## Summary
#
# - Every lesson starts with `ph.start_lesson()`: it sets the language, seed, thread count and Korean font.
# - `ph.check_versions()` checks the installed versions; `ph.pick_device()` chooses the device.
# - Numbers printed in the notebooks are computed on the CPU, so they are the same everywhere.
# - With a seed, even random results can be made again.
#
# ## Exercises
#
# Replace `answer=None` in each cell with your answer and run it. A wrong answer gets a hint, not the answer.
#
# **[[exercise:1]].** On a laptop without a GPU, which device does `ph.pick_device()` choose? Answer with the
# device's name as a string.

# %%
ph.check("[[exercise:1]]", answer=None)

# %% [markdown] lang="ko"
# **[[exercise:2]].** `torch.manual_seed(0)` 다음에 `a = torch.rand(1)`, 이어서 `b = torch.rand(1)`을 실행하면 `a`와 `b`는
# 같을까요? `True` 또는 `False`로 답하세요. (힌트: 위의 "시드와 재현성" 셀과 무엇이 다른가요?)

# %% [markdown] lang="en"
# **[[exercise:2]].** After `torch.manual_seed(0)`, you run `a = torch.rand(1)` and then `b = torch.rand(1)`. Are `a`
# and `b` equal? Answer `True` or `False`. (Hint: what differs from the "Seeds" cell above?)

# %%
ph.check("[[exercise:2]]", answer=None)

# %% [markdown] lang="ko"
# 다음 수업에서는 강좌 전체에서 쓸 [[convolution]] 층 하나를 뜯어봅니다.

# %% [markdown] lang="en"
# Next, we take apart the convolution layer used throughout the course.
