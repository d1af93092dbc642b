# The dev loop: `make test`, `make lint`, `make bench`.
.PHONY: test lint bench demo
test:
	python -m pytest
lint:
	ruff check src tests benchmarks
	ruff format --check src tests benchmarks scripts
	mypy
demo:
	newstrace demo
bench:
	python benchmarks/bench_ingest.py
	python benchmarks/score_labels.py
	python benchmarks/bench_near_duplicates.py --n 100000
