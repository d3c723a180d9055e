"""Count photo decodes in a benchmarked build (on the PYTHONPATH only for `make bench`).

When BENCH_DECODE_LOG names a file, every Pillow image that is about to be decoded from a
file appends one line `pid<TAB>path<TAB>WIDTHxHEIGHT` to it, pool workers included (they are
forked from, or start like, this interpreter). Opening an image to read its header is not a
decode and is not logged. Pillow is patched when something imports it, so a process that
never touches images pays nothing: the finder is a plain class, since `importlib.abc` alone
imports about 25 ms of modules (tempfile, zipfile, typing...) into every process, twice
into our build (tools/build.py and the Pelican it becomes) and once into the reference's.
"""

import importlib.machinery
import os
import sys

_LOG = os.environ.get("BENCH_DECODE_LOG")


def _patch(image_file_module):
    load = image_file_module.ImageFile.load

    def counting_load(self):
        if self.tile:  # pixels not read yet: this call decodes
            name = getattr(self, "filename", "") or getattr(self.fp, "name", "<stream>")
            with open(_LOG, "a", encoding="utf-8") as log:
                log.write(f"{os.getpid()}\t{name}\t{self.size[0]}x{self.size[1]}\n")
        return load(self)

    image_file_module.ImageFile.load = counting_load


class _PatchPillowOnImport:  # a meta path finder: only `find_spec` is needed
    def find_spec(self, name, path=None, target=None):
        if name != "PIL.ImageFile":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        exec_module = spec.loader.exec_module

        def exec_and_patch(module):
            exec_module(module)
            _patch(module)

        spec.loader.exec_module = exec_and_patch
        return spec


if _LOG:
    sys.meta_path.insert(0, _PatchPillowOnImport())
