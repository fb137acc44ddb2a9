# yq-deadline reads its response rules and the gazetteer at run time.
INSTALL_DATA += dict/response.conf
