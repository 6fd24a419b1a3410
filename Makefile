# Two entry points: `make run` starts the app, `make test` runs the suite. Both create/reuse .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The machines here carry torch 2.14.1 locally; never let an install pull a newer one.
TORCH_VERSION := 2.14.1
TORCHVISION_VERSION := 0.29.1
TORCH := torch==$(TORCH_VERSION) torchvision==$(TORCHVISION_VERSION)
# PyPI's x86-64 Linux torch brings 4 GB of CUDA libraries, and every process that imports it loads them even
# with no GPU: ~220 MiB more resident memory per ingest (benchmarks/README.md, "torch's CPU build"). So an
# x86-64 Linux machine with no NVIDIA driver gets torch's CPU build from PyTorch's own index, and PyPI's build
# where that index cannot be reached. `make run TORCH_CPU_INDEX=` always installs PyPI's build.
HAS_NVIDIA := $(shell { command -v nvidia-smi || cat /proc/driver/nvidia/version; } >/dev/null 2>&1 && echo yes)
PLATFORM := $(shell uname -s)-$(shell uname -m)
TORCH_CPU_INDEX ?= $(if $(HAS_NVIDIA),,$(if $(filter Linux-x86_64,$(PLATFORM)),https://download.pytorch.org/whl/cpu))
# llama.cpp is compiled on install. Not with -march=native: on a Sapphire Rapids machine here its AMX
# kernels crashed every decode (SIGSEGV, llama-cpp-python 0.3.36), so x86-64 builds name the vector units
# this CPU has instead (AVX2; AVX-512 and its VNNI/VBMI/BF16 parts; AVX-VNNI), all but AMX. Other CPUs
# build as llama.cpp chooses.
LLAMA := llama-cpp-python[server]==0.3.36
cpu_has = $(shell grep -qsw $(1) /proc/cpuinfo && echo ON || echo OFF)
X86_LLAMA := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON \
	-DGGML_AVX512=$(call cpu_has,avx512f) -DGGML_AVX512_VBMI=$(call cpu_has,avx512vbmi) \
	-DGGML_AVX512_VNNI=$(call cpu_has,avx512_vnni) -DGGML_AVX512_BF16=$(call cpu_has,avx512_bf16) \
	-DGGML_AVX_VNNI=$(call cpu_has,avx_vnni)
LLAMA_CMAKE ?= $(if $(filter x86_64,$(shell uname -m)),$(X86_LLAMA))
# Test workers (pytest-xdist); a test module, and the app tests as a whole, stay on one worker.
WORKERS ?= 2
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# pip that rides out a flaky network: CI once lost an 88 MB fixture wheel at 77 MB six times running.
# Each try resumes partial downloads (up to 50 times) and the whole install is tried 3 times.
PIP_OPTS := -q --retries 10 --resume-retries 50 --timeout 60
# (extras go through variables: a comma inside $(call ...) would split its argument)
APP_EXTRAS := .[llamacpp,asr]
TEST_EXTRAS := .[dev,ray]
BENCH_EXTRAS := .[dev,ray,bench]
pip_install = ok=; for try in 1 2 3; do $(BIN)/pip install $(PIP_OPTS) $(1) && { ok=1; break; }; \
	[ $$try = 3 ] || { echo "pip install failed (try $$try of 3); trying again in 20 s" >&2; sleep 20; }; \
	done; [ -n "$$ok" ]

.PHONY: run test lint bench

# A fresh install takes about 9 GB with PyPI's torch (4 GB of it CUDA libraries), about 5 GB with the CPU
# build: say so before pip runs out of space half-way.
NEED_GB := 10
$(BIN)/python:
	@free=$$(df -Pk . | awk 'NR==2 {print int($$4 / 1048576)}'); [ "$$free" -ge $(NEED_GB) ] || \
		echo "warning: $$free GB free here; installing personalcut's virtualenv needs about $(NEED_GB) GB" >&2
	$(PYTHON) -m venv $(VENV)
	@# The bundled pip may predate --resume-retries: upgrade it with the options it knows.
	for try in 1 2 3; do $(BIN)/pip install -q --retries 10 --timeout 60 --upgrade pip && break; sleep 20; done

# torch alone first (the CPU build, or PyPI's: see TORCH_CPU_INDEX). The CPU build goes in without its
# dependencies, which the next install brings: its versions (2.14.1+cpu) satisfy the pins (==2.14.1), so pip
# keeps them and fetches no CUDA libraries.
$(VENV)/.torch-installed: | $(BIN)/python
	@if [ -n "$(TORCH_CPU_INDEX)" ] && $(BIN)/pip install -q --timeout 30 --retries 2 --no-deps \
		--index-url $(TORCH_CPU_INDEX) torch==$(TORCH_VERSION)+cpu torchvision==$(TORCHVISION_VERSION)+cpu; then \
		echo "No NVIDIA GPU here: installed torch's CPU build from $(TORCH_CPU_INDEX)"; else \
		[ -z "$(TORCH_CPU_INDEX)" ] || echo "torch's CPU build could not be had from $(TORCH_CPU_INDEX);" \
			"installing PyPI's build (it brings CUDA libraries)" >&2; \
		$(call pip_install,$(TORCH)); fi
	touch $@

# The app as `make run` starts it: llama.cpp runs the default planner model (downloaded on first use),
# faster-whisper transcribes videos that have no subtitles.
$(VENV)/.app-installed: pyproject.toml $(VENV)/.torch-installed
	@# No wheel cache: one built with other flags (or for another CPU) must not be reused.
	export CMAKE_ARGS="$(LLAMA_CMAKE) $$CMAKE_ARGS"; $(call pip_install,--no-cache-dir '$(LLAMA)')
	$(call pip_install,-e '$(APP_EXTRAS)' $(TORCH))
	touch $@

$(VENV)/.test-installed: pyproject.toml requirements-fixtures.txt $(VENV)/.app-installed
	$(call pip_install,-e '$(TEST_EXTRAS)' $(TORCH))
	@# Fixture models are test data, not the product: when the network loses one of them even after
	@# retries, the tests that need it are skipped (and say why) instead of the whole run failing, and the
	@# marker is not written, so the next `make test` tries to download it again.
	@$(BIN)/pip install $(PIP_OPTS) --no-deps -r requirements-fixtures.txt && touch $@ || { missing=""; \
		for req in $$(grep -v '^#' requirements-fixtures.txt); do \
			{ $(call pip_install,--no-deps "$$req"); } || missing="$$missing $$req"; done; \
		if [ -n "$$missing" ]; then echo "warning: could not download$$missing; the tests that need" \
			"them will be skipped (run make test again to retry)" >&2; else touch $@; fi; }

run: $(VENV)/.app-installed
	$(BIN)/personalcut serve $(ARGS)

test: $(VENV)/.test-installed
	@# Browser tests drive Debian's Chromium; the ASR test speaks a sentence with espeak-ng.
	@command -v chromium >/dev/null && command -v espeak-ng >/dev/null || \
		{ $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium espeak-ng; }
	$(BIN)/python -m pytest -q -rs --durations=40 -n $(WORKERS) --dist loadgroup $(ARGS)

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/mypy

$(VENV)/.bench-installed: requirements-bench.txt pyproject.toml $(VENV)/.test-installed
	$(call pip_install,--no-deps -r requirements-bench.txt)
	$(call pip_install,-e '$(BENCH_EXTRAS)' $(TORCH))  # PySceneDetect, for the feature-film comparison
	touch $@

bench: $(VENV)/.bench-installed
	$(BIN)/python -m benchmarks $(ARGS)
