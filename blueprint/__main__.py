"""The `blueprint` command, and `python -m blueprint`."""


def main() -> None:
    from blueprint import collector

    collector.for_one_shot()  # before the imports: they allocate much too
    from blueprint.cli import main as run

    run()


if __name__ == "__main__":
    main()
