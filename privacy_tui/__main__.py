from privacy_tui.cli import main

raise SystemExit(main())
