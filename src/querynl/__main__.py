from querynl.cli.main import main

raise SystemExit(main())
