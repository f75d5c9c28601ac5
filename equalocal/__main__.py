from equalocal.cli import main

main()
