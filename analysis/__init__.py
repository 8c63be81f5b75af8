"""Border Security by the Numbers: the helper package behind the book.

All the book's logic lives here; the notebooks in ``book/`` only call it.
"""
import os

# One thread per process for the numerical libraries (BLAS, OpenMP, numba, and pyfixest's Rust demeaning), set
# before any of them loads, unless the environment says otherwise. The regressions then give the same digits in
# every process on every machine, whatever its cores (a test recomputing a figure matches the built page's
# data exactly), and the build's notebooks, already one per core, do not fight over threads: the kingpin fits
# take 13 s single-threaded against 17 s on two threads, even alone.
THREAD_LIMITS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS", "RAYON_NUM_THREADS")
for _name in THREAD_LIMITS:
    os.environ.setdefault(_name, "1")
