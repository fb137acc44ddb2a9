# yq-fetch reads the registry of accounts at run time.
INSTALL_DATA += dict/accounts.tsv
