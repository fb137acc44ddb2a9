# yq-cluster reads its warning thresholds and the stopwords at run time.
INSTALL_DATA += dict/warning.conf dict/stopwords.txt
