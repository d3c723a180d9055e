# Community Press: `make html` builds the site, `make test` runs the tests.
# Both create .venv from the pinned requirements on first use (and only then).

PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
SITE_STAMP := $(VENV)/.site-installed
DEV_STAMP := $(VENV)/.dev-installed

# The content folder: the settings' PATH unless given (make html INPUTDIR=other/content).
INPUTDIR ?=
CONTENT_ARG = $(if $(INPUTDIR),-c $(INPUTDIR))
OUTPUTDIR := output
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Where `make rsync_upload` / `make s3_upload` send the published site (docs/DEPLOY.md).
SSH_HOST ?= localhost
SSH_PORT ?= 22
SSH_USER ?= deploy
SSH_TARGET_DIR ?= /var/www/community-press
S3_BUCKET ?= community-press
S3_ENDPOINT ?=
PYTEST_ARGS ?=

.DEFAULT_GOAL := help

help: ## List the targets
	@echo "Community Press — make targets:"
	@grep -hE '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

# The project's folders go on the venv's import path (a .pth file, as an editable install
# does), so plugins/, their shared module plugins/community_press and tools/ import by name
# from any script or test: none of them edits sys.path.
$(SITE_STAMP): requirements.txt
	@bash tools/system_deps.sh site
	@test -x $(PYTHON) || $(PY) -m venv $(VENV)
	$(PYTHON) -m pip install --disable-pip-version-check -q -r requirements.txt
	printf '%s\n%s\n' "$(CURDIR)" "$(CURDIR)/plugins" > \
		"$$($(PYTHON) -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/community_press.pth"
	@touch $@

$(DEV_STAMP): $(SITE_STAMP) requirements-dev.txt
	$(PYTHON) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	@touch $@

venv: $(SITE_STAMP) ## Create .venv with the site's pinned dependencies

html: $(SITE_STAMP) ## Build the site into output/ (safely: the old site stays on failure)
	$(PYTHON) tools/build.py -s $(CONFFILE) $(CONTENT_ARG) -o $(OUTPUTDIR)

publish: $(SITE_STAMP) ## Build for publishing with publishconf.py (SITEURL=...)
	$(PYTHON) tools/build.py -s $(PUBLISHCONF) $(CONTENT_ARG) -o $(OUTPUTDIR)

rsync_upload: publish ## Publish, then copy output/ to SSH_USER@SSH_HOST:SSH_TARGET_DIR over SSH
	rsync -e "ssh -p $(SSH_PORT)" -P -rvzc --delete --delay-updates \
		"$(OUTPUTDIR)"/ "$(SSH_USER)@$(SSH_HOST):$(SSH_TARGET_DIR)"

s3_upload: publish ## Publish, then sync output/ to s3://S3_BUCKET (S3_ENDPOINT for other S3 hosts)
	aws s3 sync "$(OUTPUTDIR)"/ "s3://$(S3_BUCKET)" --delete --exclude "*.gz" --exclude "*.br" \
		$(if $(S3_ENDPOINT),--endpoint-url "$(S3_ENDPOINT)")

serve: ## Serve output/ at http://$(HOST):$(PORT)
	$(PY) -m http.server $(PORT) --bind $(HOST) --directory $(OUTPUTDIR)

devserver: $(SITE_STAMP) ## Preview while you edit: safe rebuild on every change, http://$(HOST):$(PORT)
	$(PYTHON) tools/devserver.py -s $(CONFFILE) $(CONTENT_ARG) -o $(OUTPUTDIR) --host $(HOST) --port $(PORT)

check: $(SITE_STAMP) ## Check content for mistakes without building (path:line: messages)
	$(PYTHON) tools/check.py -s $(CONFFILE) $(CONTENT_ARG)

# The editor at /admin/ (docs/CMS.md): Decap CMS and its local proxy, pinned in
# cms/package-lock.json. `make publish` adds /admin/ when they are installed.
CMS_STAMP := cms/node_modules/.installed
$(CMS_STAMP): cms/package-lock.json
	cd cms && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

cms-install: $(CMS_STAMP) ## Install the editor for /admin/ from the npm registry (needs npm)

cms: $(SITE_STAMP) $(CMS_STAMP) ## Build, then edit in the browser: http://127.0.0.1:$(PORT)/admin/ (writes into content)
	$(PYTHON) tools/cms_server.py -s $(CONFFILE) $(CONTENT_ARG) -o $(OUTPUTDIR) --port $(PORT)

digest: $(SITE_STAMP) ## Print this week's plain-text digest (DIGEST_LANG=en WEEK=2024-W25 for others)
	@$(PYTHON) tools/print_digest.py -s $(PUBLISHCONF) $(CONTENT_ARG) \
		$(if $(DIGEST_LANG),--lang $(call shq,$(DIGEST_LANG))) $(if $(WEEK),--week $(call shq,$(WEEK)))

# New content (docs/EDITING.md). Values are quoted for the shell whatever they hold.
shq = '$(subst ','"'"',$(1))'
NEW_ARGS = -s $(CONFFILE) $(if $(INPUTDIR),--content $(INPUTDIR)) $(if $(SLUG),--slug $(call shq,$(SLUG))) \
	$(if $(TRANSLATION),--lang $(call shq,$(TRANSLATION)))

new-article: $(SITE_STAMP) ## Start an article: TITLE="..." (TRANSLATION=en SLUG=... for a translation)
	$(PYTHON) tools/new_content.py article $(call shq,$(TITLE)) $(NEW_ARGS)

new-event: $(SITE_STAMP) ## Start an event: TITLE="..." START="2024-06-19 15:00"
	$(PYTHON) tools/new_content.py event $(call shq,$(TITLE)) $(NEW_ARGS) \
		$(if $(START),--start $(call shq,$(START)))

new-project: $(SITE_STAMP) ## Start a project page and its gallery folder: TITLE="..."
	$(PYTHON) tools/new_content.py project $(call shq,$(TITLE)) $(NEW_ARGS)

new-site: $(SITE_STAMP) ## Start your community's site: NAME="..." LANGUAGES=en,zh TIMEZONE=Europe/London SITEURL=https://... [FORCE=1]
	$(PYTHON) tools/new_site.py $(if $(NAME),--name $(call shq,$(NAME))) \
		$(if $(LANGUAGES),--languages $(call shq,$(LANGUAGES))) \
		$(if $(TIMEZONE),--timezone $(call shq,$(TIMEZONE))) \
		$(if $(SITEURL),--siteurl $(call shq,$(SITEURL))) $(if $(FORCE),--force)

translations: $(SITE_STAMP) ## Extract interface strings, list untranslated ones (ADD=fr starts a language)
	$(PYTHON) tools/update_translations.py $(if $(ADD),--add $(call shq,$(ADD)))

clean: ## Remove the built site and build caches (keeps .venv)
	rm -rf $(OUTPUTDIR) $(OUTPUTDIR).new-* $(OUTPUTDIR).old-* .cache/pelican .cache/jinja

lint: $(DEV_STAMP) ## Check the Python code with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(DEV_STAMP) ## Type-check the plugins (cores and shared module strictly) with mypy
	$(BIN)/mypy

system-deps: ## Install the Debian packages the tests need, if missing (tools/system_deps.sh)
	@bash tools/system_deps.sh

test: system-deps lint typecheck ## Install what is missing, lint, type-check, run the whole suite
	$(PYTHON) -m pytest $(PYTEST_ARGS)

# The benchmark has a venv of its own: the reference (pelican-photos) needs an older Pillow.
BENCH_VENV := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.bench-installed
SIZE ?= small
RUNS ?= 3
BENCH_ARGS ?=

$(BENCH_STAMP): benchmarks/requirements.txt
	@test -x $(BENCH_VENV)/bin/python || $(PY) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --disable-pip-version-check -q -r benchmarks/requirements.txt
	@touch $@

bench: $(SITE_STAMP) $(BENCH_STAMP) ## Time builds vs plain Pelican + pelican-photos (SIZE=small|medium RUNS=3)
	$(BENCH_VENV)/bin/python -m benchmarks.run --size $(SIZE) --runs $(RUNS) --site-python $(PYTHON) $(BENCH_ARGS)

.PHONY: help venv html publish serve devserver clean lint typecheck system-deps test bench
.PHONY: check new-article new-event new-project new-site translations
.PHONY: rsync_upload s3_upload
.PHONY: digest
.PHONY: cms cms-install
