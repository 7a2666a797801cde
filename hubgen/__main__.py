from hubgen.cli import main

main()
