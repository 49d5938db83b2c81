from casefile.launch import main

main()
