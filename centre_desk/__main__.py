from centre_desk.launcher import main

raise SystemExit(main())
