# yq-score's default sentiment model, trained by make on the labelled
# sets in ../shared/data/sentiment (see dict/SOURCES.md).  Without them
# (a tarball without shared data) the model cannot be built, and yq-score
# says so at run time.
SENTIMENT_DATA := $(wildcard ../shared/data/sentiment/*.train.ndjson)
ifneq ($(SENTIMENT_DATA),)
DATA += dict/sentiment.model
endif

dict/sentiment.model: $(SENTIMENT_DATA) $(BUILD)/bin/yq-score
	$(BUILD)/bin/yq-score train -o $@ $(SENTIMENT_DATA)

# Read at run time.
INSTALL_DATA += dict/sentiment.lex dict/categories.conf dict/gazetteer.csv dict/bodies.txt \
	dict/places-former.tsv dict/products.txt
