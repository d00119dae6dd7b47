from unspun.cli import main

main()
