from casefile.cli import main

main()
